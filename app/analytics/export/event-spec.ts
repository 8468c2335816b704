/**
 * Why: the server's side of the one event specification (contract/event-spec.ts, shared with the
 * widget's analytics bundle): the same mapping, with the answers' redactor deciding whether a path
 * or label holds an email address or phone number.
 */
import { redactContactDetails } from "../../answers/redact";
import {
  exportableValue as exportableValueWith,
  toExportedEvent as toExportedEventWith,
  type ExportValue,
  type ExportedEvent,
  type PropertyKind,
  type StoredEvent,
} from "../../../contract/event-spec";

export {
  COMMON_PROPERTIES,
  EVENT_SPECS,
  NEVER_EXPORTED,
  isNeverExported,
  type EventSpec,
  type ExportItem,
  type ExportValue,
  type ExportedEvent,
  type PropertyKind,
  type StoredEvent,
} from "../../../contract/event-spec";

const hasContact = (text: string) => redactContactDetails(text) !== text;

/** The value as it may leave, or undefined when it may not. */
export const exportableValue = (value: unknown, kind: PropertyKind): ExportValue | undefined =>
  exportableValueWith(value, kind, hasContact);

/** The event as it is exported, or null when the specification does not export it. */
export const toExportedEvent = (event: StoredEvent): ExportedEvent | null => toExportedEventWith(event, hasContact);
