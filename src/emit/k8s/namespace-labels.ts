/**
 * The labels of the namespace an app runs in. The Pulumi module creates the namespace with
 * them, and the policy checks read them from here, so both see the same labels.
 */

/** The Pod Security Standard level every namespace enforces (and warns and audits at). */
export const POD_SECURITY_LEVEL = "restricted";

/** Labels of the app's namespace: ownership, and Pod Security Admission at the restricted level. */
export function namespaceLabels(app: string): Record<string, string> {
  return {
    "app.kubernetes.io/part-of": app,
    "app.kubernetes.io/managed-by": "skyweave",
    "pod-security.kubernetes.io/enforce": POD_SECURITY_LEVEL,
    "pod-security.kubernetes.io/enforce-version": "latest",
    "pod-security.kubernetes.io/warn": POD_SECURITY_LEVEL,
    "pod-security.kubernetes.io/audit": POD_SECURITY_LEVEL,
  };
}
