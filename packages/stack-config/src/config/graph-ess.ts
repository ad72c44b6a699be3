/**
 * The ESS components in the component graph, with the CloudNativePG
 * Cluster, the backup jobs and the restore drill beside them. Pod labels
 * are the ones `matrix-stack` 26.4.0 and 26.8.1 and the `cluster` chart
 * set.
 */
import {
  ANY_ADDRESS,
  type Endpoint,
  type GraphOptions,
  INGRESS_CONTROLLER_PORTS,
  INTERNET,
  type PortSpec,
  urlEndpoint,
  type Workload,
} from "./graph.js";
import {
  API,
  flowAdder,
  type GraphParts,
  type GraphStack as Stack,
  INGRESS,
  NAME,
  tcp,
  to,
  udp,
  workload,
} from "./graph-parts.js";

const COMPONENT = "app.kubernetes.io/component";

/** Lists the ESS components that the stack switches on, by pod name label. */
function essComponents(stack: Stack): string[] {
  const { ess } = stack;
  return [
    "haproxy",
    ...(ess.matrixAuthenticationService.enabled
      ? ["matrix-authentication-service"]
      : []),
    ...(ess.elementWeb.enabled ? ["element-web"] : []),
    ...(ess.elementAdmin.enabled ? ["element-admin"] : []),
    ...(ess.matrixRTC.enabled
      ? ["matrix-rtc-authorisation-service", "matrix-rtc-sfu"]
      : []),
    ...(stack.setupSite.enabled && ess.elementWeb.enabled
      ? ["setup-site"]
      : []),
  ];
}

/** Lists the databases and the backup and drill jobs beside ESS. */
function dataWorkloads(stack: Stack, options: GraphOptions): Workload[] {
  const ns = stack.ess.namespace;
  const { postgres, backups } = stack;
  const cluster = (name: string) => ({ "cnpg.io/cluster": name });
  const workloads: Workload[] = [];

  if (!postgres.essUsesCluster) {
    workloads.push(workload("ess-postgres", ns, { [NAME]: "postgres" }));
  }
  if (postgres.clusterEnabled) {
    const pods = cluster(postgres.clusterName);
    workloads.push(workload("postgres", ns, pods, API));
  }
  if (backups?.media.enabled && stack.ess.synapse.enabled) {
    workloads.push(workload("media-backup", ns, { [NAME]: "media-backup" }));
  }
  if (options.restoreDrill && backups && postgres.clusterEnabled) {
    const drill = backups.restoreDrill.serverName;
    const check = { [NAME]: `${drill}-check` };
    workloads.push(workload("drill-cluster", ns, cluster(drill), API));
    workloads.push(workload("drill-check", ns, check));
  }
  return workloads;
}

/** Adds the ESS components, the Cluster and the jobs beside them. */
export function essWorkloads(
  stack: Stack,
  parts: GraphParts,
  options: GraphOptions,
): void {
  const ns = stack.ess.namespace;
  const add = (...workloads: Workload[]) => parts.workloads.push(...workloads);

  // The chart's hooks (initSecrets, deployment markers) share one label.
  add(workload("matrix-tools", ns, { [COMPONENT]: "matrix-tools" }, API));
  if (stack.ess.synapse.enabled) {
    // The component label covers the main process and every worker.
    add(workload("synapse", ns, { [COMPONENT]: "matrix-server" }));
  }
  for (const name of essComponents(stack)) {
    add(workload(name, ns, { [NAME]: name }));
  }
  add(...dataWorkloads(stack, options));
}

/** The web components behind the ingress: workload, ports, purpose. */
const WEB_ROUTES: [string, number[], string][] = [
  ["haproxy", [8008, 8010], "Synapse and well-known behind the ingress"],
  ["matrix-authentication-service", [8080], "MAS login and account pages"],
  ["element-web", [8080], "Element Web"],
  ["element-admin", [8080], "Element Admin"],
  ["matrix-rtc-authorisation-service", [8080], "MatrixRTC JWT service"],
  ["setup-site", [8080], "the desktop-setup site"],
];

/** Adds the flows of the ESS components and their databases. */
export function essEndpoints(
  stack: Stack,
  parts: GraphParts,
  options: GraphOptions,
): void {
  const addFlow = flowAdder(parts);
  const database = to(
    stack.postgres.essUsesCluster ? "postgres" : "ess-postgres",
  );
  const [synapse, mas, haproxy] = [
    to("synapse"),
    to("matrix-authentication-service"),
    to("haproxy"),
  ];

  for (const [name, ports, purpose] of WEB_ROUTES) {
    addFlow(INGRESS, to(name), ports.map(tcp), purpose);
  }
  const health = "HAProxy routes clients and checks health";
  addFlow(haproxy, synapse, [tcp(8008), tcp(8080)], health);
  addFlow(synapse, mas, [tcp(8080), tcp(8081)], "Synapse checks tokens");
  addFlow(mas, haproxy, [tcp(8008)], "MAS calls Synapse's admin API");
  addFlow(mas, synapse, [tcp(8008)], "MAS calls Synapse's admin API");
  addFlow(synapse, database, [tcp(5432)], "Synapse's database");
  addFlow(mas, database, [tcp(5432)], "MAS's database");
  const federation = [tcp(443), tcp(8448)];
  addFlow(synapse, INTERNET, federation, "federation and push gateways");
  sfuFlows(stack, parts);
  postgresFlows(stack, parts, options);
}

function sfuFlows(stack: Stack, parts: GraphParts): void {
  const addFlow = flowAdder(parts);
  const { sfu } = stack.ess.matrixRTC;
  const range = sfu.rtcUdpPortRange;
  // The chart serves the UDP range in place of the muxed UDP port.
  const media: PortSpec[] = [
    tcp(sfu.rtcTcpPort),
    range
      ? { protocol: "UDP", port: range.start, endPort: range.end }
      : udp(sfu.rtcMuxedUdpPort),
  ];
  if (sfu.turn.enabled) {
    media.push(udp(sfu.turn.udpPort));
    addFlow(
      INGRESS,
      to("matrix-rtc-sfu"),
      [tcp(5349)],
      "TURN over TLS, passed through by SNI",
    );
  }
  const auth = to("matrix-rtc-authorisation-service");

  addFlow(
    ANY_ADDRESS,
    to("matrix-rtc-sfu"),
    media,
    "WebRTC media from clients",
  );
  addFlow(
    to("matrix-rtc-sfu"),
    ANY_ADDRESS,
    [{ protocol: "UDP", port: 1, endPort: 65535 }],
    "WebRTC media and STUN to clients",
  );
  addFlow(
    auth,
    to("matrix-rtc-sfu"),
    [tcp(7880)],
    "the JWT service creates rooms on the SFU",
  );
  addFlow(
    auth,
    INTERNET,
    [tcp(443), tcp(8448)],
    "OpenID token checks at homeservers",
  );
  addFlow(
    auth,
    INGRESS,
    INGRESS_CONTROLLER_PORTS,
    "OpenID token checks at this homeserver",
  );
}

function postgresFlows(
  stack: Stack,
  parts: GraphParts,
  options: GraphOptions,
): void {
  const addFlow = flowAdder(parts);
  const { backups } = stack;
  const manage = [tcp(8000), tcp(5432)];
  const operator = to("cloudnative-pg");
  const postgres = to("postgres");

  addFlow(operator, postgres, manage, "the operator manages the instances");
  const replication = [tcp(5432), tcp(8000)];
  addFlow(postgres, postgres, replication, "streaming replication");
  if (backups === undefined) {
    return;
  }
  const store = urlEndpoint(backups.endpointURL);
  const upload = [store.port];
  addFlow(postgres, store.endpoint, upload, "WAL archive and base backups");
  addFlow(to("media-backup"), store.endpoint, upload, "media store backups");
  if (options.restoreDrill) {
    drillFlows(parts, store.endpoint, upload);
  }
}

function drillFlows(
  parts: GraphParts,
  store: Endpoint,
  upload: PortSpec[],
): void {
  const addFlow = flowAdder(parts);
  const drill = to("drill-cluster");
  const check = to("drill-check");
  const sql = [tcp(5432)];

  addFlow(
    to("cloudnative-pg"),
    drill,
    [tcp(8000), ...sql],
    "the operator manages the drill",
  );
  addFlow(drill, store, upload, "the drill reads the backups");
  addFlow(check, drill, sql, "the check counts restored rows");
  addFlow(check, to("postgres"), sql, "the check counts source rows");
}
