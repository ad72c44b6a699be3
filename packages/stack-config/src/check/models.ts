/**
 * Validation of every object against its kubernetes-models or
 * @kubernetes-models/flux-cd model. A kind without a model in MODELS passes
 * only when UNMODELLED_KINDS lists it.
 */
import { Certificate } from "@kubernetes-models/cert-manager/cert-manager.io/v1/Certificate";
import { HelmRelease } from "@kubernetes-models/flux-cd/helm.toolkit.fluxcd.io/v2/HelmRelease";
import { Kustomization } from "@kubernetes-models/flux-cd/kustomize.toolkit.fluxcd.io/v1/Kustomization";
import { HelmRepository } from "@kubernetes-models/flux-cd/source.toolkit.fluxcd.io/v1/HelmRepository";
import { OCIRepository } from "@kubernetes-models/flux-cd/source.toolkit.fluxcd.io/v1/OCIRepository";
import { IngressRoute } from "@kubernetes-models/traefik/traefik.io/v1alpha1/IngressRoute";
import { IngressRouteTCP } from "@kubernetes-models/traefik/traefik.io/v1alpha1/IngressRouteTCP";
import { IngressRouteUDP } from "@kubernetes-models/traefik/traefik.io/v1alpha1/IngressRouteUDP";
import { Middleware } from "@kubernetes-models/traefik/traefik.io/v1alpha1/Middleware";
import { DaemonSet } from "kubernetes-models/apps/v1/DaemonSet";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { StatefulSet } from "kubernetes-models/apps/v1/StatefulSet";
import { CronJob } from "kubernetes-models/batch/v1/CronJob";
import { Job } from "kubernetes-models/batch/v1/Job";
import { Ingress } from "kubernetes-models/networking.k8s.io/v1/Ingress";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { ClusterRole } from "kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole";
import { ClusterRoleBinding } from "kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding";
import { Role } from "kubernetes-models/rbac.authorization.k8s.io/v1/Role";
import { RoleBinding } from "kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { Namespace } from "kubernetes-models/v1/Namespace";
import { PersistentVolumeClaim } from "kubernetes-models/v1/PersistentVolumeClaim";
import { Pod } from "kubernetes-models/v1/Pod";
import { Secret } from "kubernetes-models/v1/Secret";
import { Service } from "kubernetes-models/v1/Service";
import { ServiceAccount } from "kubernetes-models/v1/ServiceAccount";
import type { OutputIssue } from "./issues.js";
import type { TreeObject } from "./objects.js";

/** A model class: construct it from an object, then validate. */
interface Model {
  new (data: never): { validate(): void };
  apiVersion: string;
  kind: string;
}

/**
 * The kinds the tree may contain, each with its model class. Classes are
 * imported one by one because the group indexes load every kind, which
 * adds about half a second to each CLI start (measured on this project's
 * 2-core build machine).
 */
const MODELS: readonly Model[] = [
  Certificate,
  ConfigMap,
  CronJob,
  ClusterRole,
  ClusterRoleBinding,
  DaemonSet,
  Deployment,
  HelmRelease,
  HelmRepository,
  Ingress,
  IngressRoute,
  IngressRouteTCP,
  IngressRouteUDP,
  Job,
  Kustomization,
  Middleware,
  Namespace,
  NetworkPolicy,
  OCIRepository,
  PersistentVolumeClaim,
  Pod,
  PodDisruptionBudget,
  Role,
  RoleBinding,
  Secret,
  Service,
  ServiceAccount,
  StatefulSet,
];

const MODEL_BY_KIND = new Map(
  MODELS.map((model) => [`${model.apiVersion} ${model.kind}`, model]),
);

/**
 * Kinds the tree may contain without a model, as `apiVersion Kind`. The
 * kustomize config file is read by kustomize, never sent to the cluster.
 */
export const UNMODELLED_KINDS: ReadonlySet<string> = new Set([
  "kustomize.config.k8s.io/v1beta1 Kustomization",
]);

function validationMessages(error: unknown): string[] {
  const details = (
    error as { errors?: { instancePath?: string; message?: string }[] }
  ).errors;
  if (!Array.isArray(details) || details.length === 0) {
    return [(error as Error).message];
  }
  return details.map(
    (detail) => `${detail.instancePath || "/"}: ${detail.message ?? "invalid"}`,
  );
}

/**
 * Validates one object against its model; returns its problems.
 * NOTE: the kubernetes-models schemas allow unknown fields, so a misspelled
 * optional key passes this check.
 */
export function checkModel(object: TreeObject): OutputIssue[] {
  const issue = (message: string) => ({
    path: object.path,
    object: object.id,
    message,
  });
  const key = `${object.apiVersion} ${object.kind}`;
  const model = MODEL_BY_KIND.get(key);
  if (model === undefined) {
    return UNMODELLED_KINDS.has(key)
      ? []
      : [
          issue(
            `no model for "${key}": add its kubernetes-models or ` +
              "@kubernetes-models/flux-cd class to MODELS in " +
              "check/models.ts, or list the kind in UNMODELLED_KINDS",
          ),
        ];
  }

  try {
    new model(object.document as never).validate();
    return [];
  } catch (error) {
    return validationMessages(error).map((message) =>
      issue(`invalid ${object.kind}: ${message}`),
    );
  }
}
