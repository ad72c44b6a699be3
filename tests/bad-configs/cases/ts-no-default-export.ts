// A TypeScript config that exports the config under a name.
export const config = {
  serverName: "example.org",
  cluster: { publicIP: "198.18.0.10" },
  monitoring: { enabled: false },
};
