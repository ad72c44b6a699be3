/**
 * Validation of every object against its kubernetes-models or
 * @kubernetes-models/flux-cd model. Kinds without a model pass only when
 * UNMODELLED_KINDS lists them.
 */
import * as helmV2 from "@kubernetes-models/flux-cd/helm.toolkit.fluxcd.io/v2";
import * as kustomizeV1 from "@kubernetes-models/flux-cd/kustomize.toolkit.fluxcd.io/v1";
import * as sourceV1 from "@kubernetes-models/flux-cd/source.toolkit.fluxcd.io/v1";
import * as appsV1 from "kubernetes-models/apps/v1";
import * as autoscalingV2 from "kubernetes-models/autoscaling/v2";
import * as batchV1 from "kubernetes-models/batch/v1";
import * as networkingV1 from "kubernetes-models/networking.k8s.io/v1";
import * as policyV1 from "kubernetes-models/policy/v1";
import * as rbacV1 from "kubernetes-models/rbac.authorization.k8s.io/v1";
import * as coreV1 from "kubernetes-models/v1";
import type { OutputIssue } from "./issues.js";
import type { TreeObject } from "./objects.js";

/** A model class: construct it from an object, then validate. */
type Model = new (data: never) => { validate(): void };

/** Model modules by apiVersion; a module exports one class per kind. */
const MODEL_MODULES: Record<string, Record<string, unknown>> = {
  v1: coreV1,
  "apps/v1": appsV1,
  "autoscaling/v2": autoscalingV2,
  "batch/v1": batchV1,
  "networking.k8s.io/v1": networkingV1,
  "policy/v1": policyV1,
  "rbac.authorization.k8s.io/v1": rbacV1,
  "helm.toolkit.fluxcd.io/v2": helmV2,
  "kustomize.toolkit.fluxcd.io/v1": kustomizeV1,
  "source.toolkit.fluxcd.io/v1": sourceV1,
};

/**
 * Kinds the tree may contain without a model, as `apiVersion Kind`: the
 * kustomize config file and the Traefik routes for TCP and UDP, which K3S's
 * bundled Traefik serves.
 */
export const UNMODELLED_KINDS: ReadonlySet<string> = new Set([
  "kustomize.config.k8s.io/v1beta1 Kustomization",
  "traefik.io/v1alpha1 IngressRouteTCP",
  "traefik.io/v1alpha1 IngressRouteUDP",
]);

function modelFor(apiVersion: string, kind: string): Model | undefined {
  const candidate = MODEL_MODULES[apiVersion]?.[kind] as
    (Model & { apiVersion?: string; kind?: string }) | undefined;
  const matches =
    typeof candidate === "function" &&
    candidate.apiVersion === apiVersion &&
    candidate.kind === kind;
  return matches ? candidate : undefined;
}

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

/** Validates one object against its model; returns its problems. */
export function checkModel(object: TreeObject): OutputIssue[] {
  const issue = (message: string) => ({
    path: object.path,
    object: object.id,
    message,
  });
  const key = `${object.apiVersion} ${object.kind}`;
  const model = modelFor(object.apiVersion, object.kind);
  if (model === undefined) {
    return UNMODELLED_KINDS.has(key)
      ? []
      : [
          issue(
            `no model for "${key}": use a kind that kubernetes-models or ` +
              "@kubernetes-models/flux-cd defines, or add it to " +
              "UNMODELLED_KINDS in check/models.ts",
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
