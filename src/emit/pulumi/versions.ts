/**
 * Versions of the packages an emitted Pulumi project depends on: the ones skyweave's own
 * tests type-check and run the emitted programs against (a test keeps them equal to
 * skyweave's devDependencies).
 */
export const STACK_DEPENDENCIES = {
  "@pulumi/aws": "7.48.0",
  "@pulumi/kubernetes": "4.34.2",
  "@pulumi/pulumi": "3.248.0",
  "@pulumi/random": "4.21.2",
  yaml: "2.9.1",
} as const;

/** Dev dependencies of an emitted Pulumi project. */
export const STACK_DEV_DEPENDENCIES = {
  "@types/node": "20.19.43",
  typescript: "5.9.3",
} as const;
