import { IConstruct } from 'constructs';

const SUPPRESSION_METADATA = 'cdktf-gke-secure-mesh/security-suppression';

interface SuppressionEntry {
  readonly ruleId: string;
  readonly reason: string;
}

/** Records that findings of `ruleId` on `construct` and everything inside it are accepted, for `reason`. */
export function addSuppression(construct: IConstruct, ruleId: string, reason: string): void {
  const entry: SuppressionEntry = { ruleId, reason };
  construct.node.addMetadata(SUPPRESSION_METADATA, entry);
}

/** The reason of the closest suppression of `ruleId` on `construct` or one of its scopes, or undefined. */
export function suppressionReason(construct: IConstruct, ruleId: string): string | undefined {
  for (const scope of [...construct.node.scopes].reverse()) {
    const entry = scope.node.metadata.find((m) => m.type === SUPPRESSION_METADATA && (m.data as SuppressionEntry).ruleId === ruleId);
    if (entry) return (entry.data as SuppressionEntry).reason;
  }
  return undefined;
}

/** Whether a reason is at least one full sentence: four or more words, ending with a sentence mark. */
export function isSentence(reason: string): boolean {
  const text = reason.trim();
  return text.length >= 20 && text.split(/\s+/).length >= 4 && /[.!?。]$/.test(text);
}
