/** Emit: the Pulumi project (and Kubernetes manifests) of a placed app, and the writer that puts it on disk. */
export { emit, type StackFiles } from "./emit.js";
export { writeStack, type WriteResult } from "./write-stack.js";
export { clusterObjects, renderClusterManifests, YAML_HEADER } from "./k8s/render-manifests.js";
export type { KubeObject } from "./k8s/workload-objects.js";
export { kubeconfigConfigKey } from "./pulumi/k8s-module.js";
export { STACK_DEPENDENCIES, STACK_DEV_DEPENDENCIES } from "./pulumi/versions.js";
