/**
 * How an endpoint policy matches the metadata labels of Envoy proxies
 * (`endpoint_matcher.metadata_label_matcher.metadata_label_match_criteria`).
 */
export class MetadataLabelMatch {
  /** A proxy matches when it carries every label of the policy. The default: the narrowest match. */
  public static readonly MATCH_ALL = new MetadataLabelMatch('MATCH_ALL');
  /** A proxy matches when it carries at least one label of the policy. */
  public static readonly MATCH_ANY = new MetadataLabelMatch('MATCH_ANY');

  /** The Terraform value. */
  public readonly value: string;

  private constructor(value: string) {
    this.value = value;
  }
}
