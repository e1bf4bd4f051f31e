import { describe, expect, it } from "vitest";
import { classifyFailure, describeFailure, isConnectionFailure } from "./send-errors.js";

const err = (o: object) => Object.assign(new Error("boom"), o);

describe("send failures", () => {
  it("retries 4xx replies and connection failures, gives up on 5xx, stops on configuration errors", () => {
    expect(classifyFailure(err({ code: "EENVELOPE", responseCode: 450 }))).toBe("temporary");
    expect(classifyFailure(err({ code: "EMESSAGE", responseCode: 421 }))).toBe("temporary");
    expect(classifyFailure(err({ code: "EPROTOCOL", responseCode: 503 }))).toBe("temporary");
    expect(classifyFailure(err({ code: "ESOCKET", originalCode: "ECONNREFUSED" }))).toBe("temporary");
    expect(classifyFailure(err({ code: "ETIMEDOUT" }))).toBe("temporary");
    expect(classifyFailure(err({ code: "EENVELOPE", responseCode: 550 }))).toBe("permanent");
    expect(classifyFailure(err({ code: "EAUTH", responseCode: 535 }))).toBe("transport");
    expect(classifyFailure(err({ code: "ETLS" }))).toBe("transport");
  });

  it("tells connection failures from one refused mail, and describes without credentials", () => {
    expect(isConnectionFailure(err({ code: "ESOCKET", originalCode: "ECONNREFUSED" }))).toBe(true);
    expect(isConnectionFailure(err({ responseCode: 421 }))).toBe(true);
    expect(isConnectionFailure(err({ code: "EENVELOPE", responseCode: 450 }))).toBe(false);
    expect(describeFailure(err({ code: "ESOCKET", originalCode: "ECONNREFUSED", message: "connect ECONNREFUSED 127.0.0.1:2525" }))).toBe(
      "ESOCKET/ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:2525",
    );
  });
});
