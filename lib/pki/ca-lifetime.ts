import { Op, Token } from 'cdktf';
import { inputError } from '../core/errors';

const SECONDS_PER_DAY = 86400;
/** 7,900 years of 365 days: certificates issued now stay within X.509's last date, 9999-12-31. */
const MAX_SECONDS = 7900 * 365 * SECONDS_PER_DAY;

/**
 * How long a certificate authority's own certificate is valid (`lifetime`). A year is 365 days, as in
 * the provider's default of 315360000s for ten years.
 */
export class CaLifetime {
  /** A lifetime of whole years (365 days each). */
  public static years(years: number): CaLifetime {
    return CaLifetime.of('years', years, 365 * SECONDS_PER_DAY);
  }

  /** A lifetime of whole days. */
  public static days(days: number): CaLifetime {
    return CaLifetime.of('days', days, SECONDS_PER_DAY);
  }

  /** A lifetime of whole seconds. */
  public static seconds(seconds: number): CaLifetime {
    return CaLifetime.of('seconds', seconds, 1);
  }

  private static of(unit: string, amount: number, secondsPerUnit: number): CaLifetime {
    // An unresolved amount is multiplied by Terraform; Terraform and the API judge it.
    if (Token.isUnresolved(amount)) return new CaLifetime(Token.asNumber(Op.mul(amount, secondsPerUnit)));
    if (!Number.isSafeInteger(amount) || amount < 1 || amount * secondsPerUnit > MAX_SECONDS) {
      throw inputError('CaLifetime', unit, amount, `must be a whole number from 1 to ${Math.floor(MAX_SECONDS / secondsPerUnit)} ` +
        '(7,900 years: an X.509 certificate cannot be valid past the year 9999)');
    }
    return new CaLifetime(amount * secondsPerUnit);
  }

  /** The lifetime in seconds. */
  public readonly totalSeconds: number;

  private constructor(totalSeconds: number) {
    this.totalSeconds = totalSeconds;
  }

  /** The Terraform form, such as `315360000s`. */
  public toTerraform(): string {
    return `${Token.isUnresolved(this.totalSeconds) ? Token.asString(this.totalSeconds) : this.totalSeconds}s`;
  }
}
