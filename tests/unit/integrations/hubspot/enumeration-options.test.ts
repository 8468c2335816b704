/** The options list sent to HubSpot when a portal lacks some of ChatLift's: whole, theirs untouched, ours after. */
import { describe, expect, it } from "vitest";
import { optionsWithMissing } from "../../../../app/integrations/hubspot/enumeration-options";

const ours = [
  { label: "Fit help", value: "fit_help" },
  { label: "Question answered", value: "question_answered" },
];

describe("optionsWithMissing", () => {
  it("GIVEN the portal has every option (relabelled or hidden) THEN nothing is to be sent", () => {
    const existing = [
      { label: "Sizing help", value: "fit_help", displayOrder: 0, hidden: true },
      { label: "Question answered", value: "question_answered", displayOrder: 1, hidden: false },
    ];

    expect(optionsWithMissing(existing, ours)).toBeNull();
  });

  it("GIVEN a merchant's options, labels, order, hidden flags and descriptions THEN all are kept and ours follow the highest order", () => {
    const existing = [
      { label: "Walk-in", value: "walk_in", displayOrder: 9, hidden: false, description: "Came to the shop" },
      { label: "Sizing help", value: "fit_help", displayOrder: 2, hidden: true, description: "" },
    ];

    expect(optionsWithMissing(existing, ours)).toEqual([
      { label: "Walk-in", value: "walk_in", displayOrder: 9, hidden: false, description: "Came to the shop" },
      { label: "Sizing help", value: "fit_help", displayOrder: 2, hidden: true },
      { label: "Question answered", value: "question_answered", displayOrder: 10, hidden: false },
    ]);
  });

  it("GIVEN options HubSpot returns without an order THEN they stay unordered (-1) and ours start at 0", () => {
    expect(optionsWithMissing([{ label: "Old", value: "old", hidden: false }], ours)).toEqual([
      { label: "Old", value: "old", displayOrder: -1, hidden: false },
      { label: "Fit help", value: "fit_help", displayOrder: 0, hidden: false },
      { label: "Question answered", value: "question_answered", displayOrder: 1, hidden: false },
    ]);
  });
});
