// A TypeScript config with wrong types, which tsx runs without a type check.
const config = {
  serverName: "example.org",
  cluster: { publicIP: "198.18.0.10", nodes: "1" },
  monitoring: { enabled: "yes" },
  ess: { matrixRTC: { sfu: { rtcTcpPort: "30001" } } },
};

export default config;
