import { describe, expect, it } from "vitest";
import { describeConnectFailure } from "./failure";

describe("describeConnectFailure", () => {
  it("names the stage, connector and task", () => {
    expect(
      describeConnectFailure({
        stage: "VALUE_CONVERTER",
        connectorName: "rj-file-sink",
        taskId: 0,
      }),
    ).toBe("VALUE_CONVERTER in rj-file-sink task 0");
  });

  it("says what is known when Connect leaves a part out", () => {
    expect(describeConnectFailure({ stage: "TASK_PUT", connectorName: null, taskId: null })).toBe(
      "TASK_PUT",
    );
  });

  it("is null for a dead letter that is not Connect's", () => {
    expect(describeConnectFailure({ stage: null, connectorName: null, taskId: null })).toBeNull();
  });
});
