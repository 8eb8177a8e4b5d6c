/**
 * The public-key family of a certificate authority or a workload key. The guide asks for workload keys of
 * the same family as the root and subordinate CAs, to maximise compatibility across TLS stacks.
 */
export class KeyFamily {
  /** RSA keys. */
  public static readonly RSA = new KeyFamily('RSA');
  /** Elliptic-curve (ECDSA) keys. */
  public static readonly ECDSA = new KeyFamily('ECDSA');

  /** The family's name, as shown in messages. */
  public readonly name: string;

  private constructor(name: string) {
    this.name = name;
  }
}
