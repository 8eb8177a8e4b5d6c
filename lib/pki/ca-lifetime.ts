import { inputError } from '../core/errors';

const SECONDS_PER_DAY = 86400;

/**
 * How long a certificate authority's own certificate is valid (`lifetime`). A year is 365 days, as in
 * the provider's default of 315360000s for ten years.
 */
export class CaLifetime {
  /** A lifetime of whole years (365 days each). */
  public static years(years: number): CaLifetime {
    return CaLifetime.of('years', years, years * 365 * SECONDS_PER_DAY);
  }

  /** A lifetime of whole days. */
  public static days(days: number): CaLifetime {
    return CaLifetime.of('days', days, days * SECONDS_PER_DAY);
  }

  /** A lifetime of whole seconds. */
  public static seconds(seconds: number): CaLifetime {
    return CaLifetime.of('seconds', seconds, seconds);
  }

  private static of(unit: string, amount: number, seconds: number): CaLifetime {
    if (!Number.isSafeInteger(amount) || amount < 1) {
      throw inputError('CaLifetime', unit, amount, 'must be a whole number of at least 1');
    }
    return new CaLifetime(seconds);
  }

  /** The lifetime in seconds. */
  public readonly totalSeconds: number;

  private constructor(totalSeconds: number) {
    this.totalSeconds = totalSeconds;
  }

  /** The Terraform form, such as `315360000s`. */
  public toTerraform(): string {
    return `${this.totalSeconds}s`;
  }
}
