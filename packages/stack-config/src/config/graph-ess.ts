/**
 * The ESS components in the component graph, with the CloudNativePG
 * Cluster, the backup jobs and the restore drill beside them. Pod labels
 * are the ones `matrix-stack` 26.4.0 and 26.8.1 and the `cluster` chart
 * set.
 */
import {
  ANY_ADDRESS,
  type GraphOptions,
  INGRESS_CONTROLLER_PORTS,
  INTERNET,
  type PortSpec,
  urlEndpoint,
  type Workload,
} from "./graph.js";
import {
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

/** Adds the ESS components, the Cluster and the jobs beside them. */
export function essWorkloads(
  stack: Stack,
  parts: GraphParts,
  options: GraphOptions,
): void {
  const ns = stack.ess.namespace;
  const { ess, postgres, backups } = stack;
  const add = (w: Workload) => parts.workloads.push(w);

  add(workload("haproxy", ns, { [NAME]: "haproxy" }));
  add(
    workload(
      "matrix-tools",
      ns,
      { "app.kubernetes.io/component": "matrix-tools" },
      { kubernetesApi: true },
    ),
  );
  if (ess.synapse.enabled) {
    add(
      workload("synapse", ns, {
        "app.kubernetes.io/component": "matrix-server",
      }),
    );
  }
  if (ess.matrixAuthenticationService.enabled) {
    add(
      workload("matrix-authentication-service", ns, {
        [NAME]: "matrix-authentication-service",
      }),
    );
  }
  if (ess.elementWeb.enabled) {
    add(workload("element-web", ns, { [NAME]: "element-web" }));
  }
  if (ess.elementAdmin.enabled) {
    add(workload("element-admin", ns, { [NAME]: "element-admin" }));
  }
  if (ess.matrixRTC.enabled) {
    add(
      workload("matrix-rtc-authorisation-service", ns, {
        [NAME]: "matrix-rtc-authorisation-service",
      }),
    );
    add(workload("matrix-rtc-sfu", ns, { [NAME]: "matrix-rtc-sfu" }));
  }
  if (stack.setupSite.enabled && ess.elementWeb.enabled) {
    add(workload("setup-site", ns, { [NAME]: "setup-site" }));
  }
  if (!postgres.essUsesCluster) {
    add(workload("ess-postgres", ns, { [NAME]: "postgres" }));
  }
  if (postgres.clusterEnabled) {
    add(
      workload(
        "postgres",
        ns,
        { "cnpg.io/cluster": postgres.clusterName },
        { kubernetesApi: true },
      ),
    );
  }
  if (backups?.media.enabled && ess.synapse.enabled) {
    add(workload("media-backup", ns, { [NAME]: "media-backup" }));
  }
  if (options.restoreDrill && backups && postgres.clusterEnabled) {
    const drill = backups.restoreDrill.serverName;
    add(
      workload(
        "drill-cluster",
        ns,
        { "cnpg.io/cluster": drill },
        { kubernetesApi: true },
      ),
    );
    add(workload("drill-check", ns, { [NAME]: `${drill}-check` }));
  }
}

/** Adds the flows of the ESS components and their databases. */
export function essEndpoints(
  stack: Stack,
  parts: GraphParts,
  options: GraphOptions,
): void {
  const addFlow = flowAdder(parts);
  const database = stack.postgres.essUsesCluster ? "postgres" : "ess-postgres";
  const mas = "matrix-authentication-service";

  addFlow(
    INGRESS,
    to("haproxy"),
    [tcp(8008), tcp(8010)],
    "Synapse and well-known behind the ingress",
  );
  addFlow(INGRESS, to(mas), [tcp(8080)], "MAS login and account pages");
  addFlow(INGRESS, to("element-web"), [tcp(8080)], "Element Web");
  addFlow(INGRESS, to("element-admin"), [tcp(8080)], "Element Admin");
  addFlow(
    INGRESS,
    to("matrix-rtc-authorisation-service"),
    [tcp(8080)],
    "MatrixRTC JWT service",
  );
  addFlow(INGRESS, to("setup-site"), [tcp(8080)], "the desktop-setup site");
  addFlow(
    to("haproxy"),
    to("synapse"),
    [tcp(8008), tcp(8080)],
    "HAProxy routes clients and checks health",
  );
  addFlow(
    to("synapse"),
    to(mas),
    [tcp(8080), tcp(8081)],
    "Synapse asks MAS about tokens",
  );
  addFlow(to(mas), to("haproxy"), [tcp(8008)], "MAS calls Synapse's admin API");
  addFlow(to(mas), to("synapse"), [tcp(8008)], "MAS calls Synapse's admin API");
  addFlow(to("synapse"), to(database), [tcp(5432)], "Synapse's database");
  addFlow(to(mas), to(database), [tcp(5432)], "MAS's database");
  addFlow(
    to("synapse"),
    INTERNET,
    [tcp(443), tcp(8448)],
    "federation and push gateways",
  );
  sfuFlows(stack, parts);
  postgresFlows(stack, parts, options);
}

function sfuFlows(stack: Stack, parts: GraphParts): void {
  const addFlow = flowAdder(parts);
  const { sfu } = stack.ess.matrixRTC;
  const media: PortSpec[] = [tcp(sfu.rtcTcpPort), udp(sfu.rtcMuxedUdpPort)];
  if (sfu.turn.enabled) {
    media.push(udp(sfu.turn.udpPort));
    addFlow(
      INGRESS,
      to("matrix-rtc-sfu"),
      [tcp(5349)],
      "TURN over TLS, passed through by SNI",
    );
  }
  const range = sfu.rtcUdpPortRange;
  if (range) {
    media.push({ protocol: "UDP", port: range.start, endPort: range.end });
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
  const operator = to("cloudnative-pg");

  addFlow(
    operator,
    to("postgres"),
    [tcp(8000), tcp(5432)],
    "the operator manages the instances",
  );
  addFlow(
    to("postgres"),
    to("postgres"),
    [tcp(5432), tcp(8000)],
    "streaming replication",
  );
  if (backups === undefined) {
    return;
  }
  const store = urlEndpoint(backups.endpointURL);
  addFlow(
    to("postgres"),
    store.endpoint,
    [store.port],
    "WAL archive and base backups",
  );
  addFlow(
    to("media-backup"),
    store.endpoint,
    [store.port],
    "media store backups",
  );
  if (options.restoreDrill) {
    addFlow(
      operator,
      to("drill-cluster"),
      [tcp(8000), tcp(5432)],
      "the operator manages the drill",
    );
    addFlow(
      to("drill-cluster"),
      store.endpoint,
      [store.port],
      "the drill reads the backups",
    );
    addFlow(
      to("drill-check"),
      to("drill-cluster"),
      [tcp(5432)],
      "the check counts restored rows",
    );
    addFlow(
      to("drill-check"),
      to("postgres"),
      [tcp(5432)],
      "the check counts source rows",
    );
  }
}
