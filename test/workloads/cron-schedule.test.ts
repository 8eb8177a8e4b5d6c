import * as fc from 'fast-check';
import { CRON_SCHEDULE, ENV_VAR_NAME, IAM_ROLE } from '../../lib/core/names';

/** Field bounds: minute, hour, day of month, month, day of week. */
const BOUNDS: [number, number][] = [[0, 59], [0, 23], [1, 31], [1, 12], [0, 6]];

const value = (i: number) => fc.integer({ min: BOUNDS[i][0], max: BOUNDS[i][1] });
const validPart = (i: number) => fc.oneof(
  fc.constant('*'),
  value(i).map(String),
  fc.tuple(value(i), value(i)).map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`),
  fc.tuple(fc.constantFrom('*', `${BOUNDS[i][0]}-${BOUNDS[i][1]}`), fc.integer({ min: 1, max: 30 })).map(([r, s]) => `${r}/${s}`),
);
const validField = (i: number) => fc.array(validPart(i), { minLength: 1, maxLength: 3 }).map((parts) => parts.join(','));
const validSchedule = fc.tuple(validField(0), validField(1), validField(2), validField(3), validField(4)).map((f) => f.join(' '));

describe('CRON_SCHEDULE', () => {
  it('accepts every schedule built from valid fields', () => {
    fc.assert(fc.property(validSchedule, (s) => CRON_SCHEDULE.test(s)), { numRuns: 1000 });
  });
  it('rejects a schedule with any value out of its field\'s range', () => {
    fc.assert(fc.property(validSchedule, fc.integer({ min: 0, max: 4 }), fc.boolean(), (s, i, above) => {
      const fields = s.split(' ');
      fields[i] = String(above ? BOUNDS[i][1] + 1 : BOUNDS[i][0] - 1);
      return !CRON_SCHEDULE.test(fields.join(' '));
    }), { numRuns: 500 });
  });
  it.each(['*/1 * * * *', '0 3 * * MON-FRI', '15 2 1,15 JAN,JUL ?', '@hourly', '@daily', '0 0 ? * sun'])('accepts %s', (s) => {
    expect(CRON_SCHEDULE.test(s)).toBe(true);
  });
  it.each(['', '* * * *', '* * * * * *', '*/0 * * * *', '5-1 * * * *', '* * 0 * *', '* * * 13 *', '* * * * 7', '? * * * *', '@every', 'a b c d e'])(
    'rejects %j', (s) => {
      expect(CRON_SCHEDULE.test(s)).toBe(false);
    });
});

describe('IAM_ROLE and ENV_VAR_NAME', () => {
  it.each(['roles/storage.objectViewer', 'roles/iam.workloadIdentityUser', 'projects/demo-proj/roles/describer', 'organizations/42/roles/auditor_1'])(
    'IAM_ROLE accepts %s', (role) => {
      expect(IAM_ROLE.test(role)).toBe(true);
    });
  it.each(['storage.admin', 'roles/', 'roles/a b', 'projects/x/roles/abc', 'folders/1/roles/abc'])('IAM_ROLE rejects %s', (role) => {
    expect(IAM_ROLE.test(role)).toBe(false);
  });
  it.each([['GCE_METADATA_HOST', true], ['my.var-1', true], ['1VAR', false], ['A B', false], ['', false]])('ENV_VAR_NAME %s → %s', (name, ok) => {
    expect(ENV_VAR_NAME.test(name)).toBe(ok);
  });
});
