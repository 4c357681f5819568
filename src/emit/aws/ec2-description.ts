/**
 * Descriptions of security groups and their rules as EC2 accepts them: at most 255 characters
 * from a-z, A-Z, 0-9, spaces and `._-:/()#,@[]+=;{}!$*` (the set of a rule that references a
 * security group; a group's own description may also hold `&`). Anything else, such as the
 * arrow of a connection (`web → db`), makes EC2 reject the call with "Invalid rule description".
 */

/** The longest description EC2 accepts. */
export const EC2_DESCRIPTION_MAX_LENGTH = 255;

const DISALLOWED = /[^a-zA-Z0-9 ._\-:/()#,@[\]+=;{}!$*]/g;

/** `text` as a valid security group (rule) description: arrows become "to", other characters `-`, cut to 255 with "...". */
export function ec2Description(text: string): string {
  const clean = text.replace(/\s*→\s*/g, " to ").replace(DISALLOWED, "-");
  return clean.length <= EC2_DESCRIPTION_MAX_LENGTH ? clean : `${clean.slice(0, EC2_DESCRIPTION_MAX_LENGTH - 3)}...`;
}
