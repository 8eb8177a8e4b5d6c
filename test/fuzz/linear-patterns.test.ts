import * as names from '../../lib/core/names';
import { HOSTILE_CHARACTERS } from './domains';

/** Every name rule answers within a time linear in the input: no pattern backtracks on 200,000 characters. */
describe('name rules run in linear time', () => {
  const rules = Object.entries(names).filter((e): e is [string, names.NameRule] => typeof e[1] === 'object' && e[1] !== null && 'test' in e[1]);
  const inputs = (n: number) => ['a', 'a-', 'a.', '0', 'a@', 'user:a@', 'roles/', '*.', 'a/', ...HOSTILE_CHARACTERS]
    .map((unit) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n) + '!');

  test('there are rules to check', () => expect(rules.length).toBeGreaterThan(20));

  test.each(rules.map(([name]) => name))('%s on 200,000 characters', (name) => {
    const rule = rules.find(([n]) => n === name)![1];
    const start = Date.now();
    for (const input of inputs(200_000)) expect(typeof rule.test(input)).toBe('boolean');
    expect(Date.now() - start).toBeLessThan(2000);
  });
});
