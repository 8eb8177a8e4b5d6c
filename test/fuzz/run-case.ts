import { Testing, Token } from 'cdktf';
import * as fc from 'fast-check';
import { SecurityChecks } from '../../lib';
import { tokensFor, wrongTypes } from './domains';
import { Field, Target, TARGETS } from './targets';
import { World } from './world';

/** The input classes of the table. */
export type InputClass = 'invalid' | 'wrongType' | 'missing' | 'token' | 'valid';
/** How the library answered one input. */
export type Outcome = 'clear' | 'vague' | 'crash' | 'hang' | 'silent' | 'accepted' | 'refused';

/** One single-field mutation of a target's valid props. */
export interface FuzzCase {
  readonly target: Target;
  readonly field: Field;
  readonly inputClass: InputClass;
  /** Index into the class's values for the field (wrapped). */
  readonly pick: number;
}

export interface CaseResult {
  readonly name: string;
  readonly inputClass: InputClass;
  readonly outcome: Outcome;
  readonly message?: string;
  readonly ms: number;
}

/** Wall-clock time after which a case counts as a hang. */
export const HANG_MS = 3000;

const classesOf = (field: Field): InputClass[] => [
  ...(field.domain.invalid.length > 0 ? ['invalid' as const] : []),
  ...(field.domain.type === 'object' ? [] : ['wrongType' as const]),
  ...(field.required ? ['missing' as const] : []),
  ...(field.noTokens === undefined && ['string', 'number', 'stringList', 'numberList', 'stringMap'].includes(field.domain.type) ? ['token' as const] : []),
  ...(field.domain.valid.length > 0 ? ['valid' as const] : []),
];

/** Every (target, field, class) with an index to pick the value: fast-check draws from it with a fixed seed. */
export const fuzzCase: fc.Arbitrary<FuzzCase> = fc.constantFrom(...TARGETS)
  .chain((target) => fc.constantFrom(...target.fields).map((field) => ({ target, field })))
  .chain(({ target, field }) => fc.record({
    target: fc.constant(target), field: fc.constant(field), inputClass: fc.constantFrom(...classesOf(field)), pick: fc.nat(1000),
  }));

function setPath(props: Record<string, unknown>, path: string, value: unknown, remove: boolean): Record<string, unknown> {
  const [head, ...rest] = path.split('.');
  const copy = (Array.isArray(props) ? [...props] : { ...props }) as Record<string, unknown>;
  if (rest.length === 0) {
    if (remove) delete copy[head]; else copy[head] = value;
  } else {
    copy[head] = setPath((copy[head] ?? {}) as Record<string, unknown>, rest.join('.'), value, remove);
  }
  return copy;
}

export function valueFor(c: FuzzCase, world: World): unknown {
  const values = c.inputClass === 'invalid' ? c.field.domain.invalid
    : c.inputClass === 'valid' ? c.field.domain.valid
      : c.inputClass === 'wrongType' ? wrongTypes(c.field.domain.type)
        : c.inputClass === 'token' ? tokensFor(c.field.domain.type, world[c.target.stack], 'fuzz') : [undefined];
  return values[c.pick % values.length];
}

/** Builds the app with the mutated props, synthesises every stack with the rule pack on, and classifies the answer. */
export function runCase(c: FuzzCase): CaseResult {
  const start = Date.now();
  let value: unknown;
  let error: unknown;
  try {
    const world = new World();
    const props = c.target.base(world);
    value = valueFor(c, world);
    c.target.build(world, setPath(props, c.field.path, value, c.inputClass === 'missing'));
    SecurityChecks.applyTo(world.app);
    for (const stack of [world.platform, world.workloads, world.traffic]) Testing.synth(stack, true);
  } catch (e) {
    error = e;
  }
  const ms = Date.now() - start;
  const base = { name: `${c.target.name}.${c.field.path}`, inputClass: c.inputClass, ms };
  const message = error instanceof Error ? error.message : error === undefined ? undefined : String(error);
  if (ms > HANG_MS) return { ...base, outcome: 'hang', message };
  const expectsError = c.inputClass === 'invalid' || c.inputClass === 'wrongType' || c.inputClass === 'missing';
  if (error === undefined) return { ...base, outcome: expectsError ? 'silent' : 'accepted' };
  if (isCrash(error)) return { ...base, outcome: 'crash', message };
  if (!expectsError) return { ...base, outcome: 'refused', message };
  return { ...base, outcome: isClear(message ?? '', c, value) ? 'clear' : 'vague', message };
}

function isCrash(error: unknown): boolean {
  if (!(error instanceof Error)) return true;
  if (error instanceof TypeError || error instanceof RangeError || error instanceof ReferenceError || error instanceof SyntaxError) return true;
  return /Cannot read properties|is not a function|is not iterable|Maximum call stack|Converting circular/.test(error.message);
}

const ALLOWED = /must|allowed|expected|one of|such as|at most|at least|between|required|already|need/i;

/** A clear error names the construct path (or factory), the field, the value or its kind, and what is allowed. */
export function isClear(message: string, c: FuzzCase, value: unknown): boolean {
  if (message.includes('${TfToken') || message.includes('${Token')) return false;
  const leaf = c.field.path.split('.').filter((p) => !/^[0-9]+$/.test(p)).pop()!;
  // An options object is judged by the field inside it that the message names.
  const fields = [leaf, ...(typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.keys(value) : [])];
  return message.includes(c.target.where) && fields.some((f) => message.includes(f)) && mentionsValue(message, value) && ALLOWED.test(message);
}

function mentionsValue(message: string, value: unknown): boolean {
  if (value === undefined) return /missing|undefined|required|not set/i.test(message);
  if (value === null) return /null/.test(message);
  if (typeof value === 'string') {
    if (Token.isUnresolved(value)) return /token/i.test(message);
    const shown = JSON.stringify(value).slice(1, 30);
    return message.includes(shown) || message.includes(value.slice(0, 20)) || /characters|empty/.test(message);
  }
  if (typeof value === 'number') return message.includes(String(value)) || /number/i.test(message);
  if (typeof value === 'boolean') return message.includes(String(value)) || /boolean/.test(message);
  return true; // objects and lists: the field and rule carry the meaning; entries are named by index where it matters
}

/** Counts per input class and outcome, in the table layout. */
export function summarise(results: readonly CaseResult[]): string {
  const classes: InputClass[] = ['invalid', 'wrongType', 'missing', 'token', 'valid'];
  const outcomes: Outcome[] = ['clear', 'vague', 'silent', 'crash', 'hang', 'refused', 'accepted'];
  const lines = ['| input | cases | ' + outcomes.join(' | ') + ' |', '|---|---|' + outcomes.map(() => '---').join('|') + '|'];
  for (const k of classes) {
    const of = results.filter((r) => r.inputClass === k);
    lines.push(`| ${k} | ${of.length} | ` + outcomes.map((o) => of.filter((r) => r.outcome === o).length).join(' | ') + ' |');
  }
  return lines.join('\n');
}
