// A TypeScript config with a stray comma.
export default {
  serverName: "example.org",
  cluster: { publicIP: "198.18.0.10",, },
  monitoring: { enabled: false },
};
