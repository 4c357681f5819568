/** Security group (rule) descriptions: only what EC2 accepts, so AuthorizeSecurityGroupIngress/Egress and CreateSecurityGroup do not fail. */
import { describe, expect, it } from "vitest";
import { EC2_DESCRIPTION_MAX_LENGTH, ec2Description } from "../../../src/emit/aws/ec2-description.js";

describe("ec2Description", () => {
  it("keeps a valid description as it is", () => {
    expect(ec2Description("shop/db: only its connections")).toBe("shop/db: only its connections");
  });

  it("writes a connection's arrow as 'to'", () => {
    expect(ec2Description("web → db, nightly → db")).toBe("web to db, nightly to db");
  });

  it("replaces other characters EC2 rejects, & included (rules that reference a group reject it)", () => {
    expect(ec2Description("a & b 'c' \"d\" é")).toBe("a - b -c- -d- -");
  });

  it("cuts a long description to 255 characters", () => {
    const long = ec2Description(Array.from({ length: 60 }, (_, i) => `w${i} → db`).join(", "));
    expect(long.length).toBe(EC2_DESCRIPTION_MAX_LENGTH);
    expect(long.endsWith("...")).toBe(true);
  });
});
