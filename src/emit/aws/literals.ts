/** Literals of generated @pulumi/aws code, formatted as a person would write them. */
import { str } from "../pulumi/code.js";

/** A string array literal: `["a", "b"]`. */
export function stringList(values: readonly string[]): string {
  return `[${values.map(str).join(", ")}]`;
}

/** A trust policy that lets an AWS service assume a role, as one generated expression. */
export function trustPolicy(service: string, actions: readonly string[] = ["sts:AssumeRole"]): string {
  return `JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: ${str(service)} }, Action: ${stringList(actions)} }] })`;
}
