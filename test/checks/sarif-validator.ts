/**
 * A focused structural validator for the parts of SARIF 2.1.0 the rule pack writes, following the OASIS
 * SARIF 2.1.0 JSON schema (sarif-schema-2.1.0.json): required properties, types, enumerations, and
 * `additionalProperties: false`, which the schema sets on every object used here. It returns the
 * violations as `path: problem` lines, so a test can show them all.
 */

type Check = (value: unknown, path: string, errors: string[]) => void;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function object(properties: Record<string, Check>, required: string[] = []): Check {
  return (value, path, errors) => {
    if (!isObject(value)) {
      errors.push(`${path}: must be an object`);
      return;
    }
    for (const key of required) if (!(key in value)) errors.push(`${path}: missing required property "${key}"`);
    for (const [key, v] of Object.entries(value)) {
      const check = properties[key];
      if (!check) errors.push(`${path}: property "${key}" is not allowed`);
      else check(v, `${path}.${key}`, errors);
    }
  };
}

function array(items: Check, options: { minItems?: number; unique?: boolean } = {}): Check {
  return (value, path, errors) => {
    if (!Array.isArray(value)) {
      errors.push(`${path}: must be an array`);
      return;
    }
    if (value.length < (options.minItems ?? 0)) errors.push(`${path}: must have at least ${options.minItems} items`);
    if (options.unique && new Set(value.map((v) => JSON.stringify(v))).size !== value.length) errors.push(`${path}: items must be unique`);
    value.forEach((v, i) => items(v, `${path}[${i}]`, errors));
  };
}

const string: Check = (value, path, errors) => {
  if (typeof value !== 'string') errors.push(`${path}: must be a string`);
};

function integer(minimum: number): Check {
  return (value, path, errors) => {
    if (!Number.isInteger(value) || (value as number) < minimum) errors.push(`${path}: must be an integer >= ${minimum}`);
  };
}

function oneOf(values: string[]): Check {
  return (value, path, errors) => {
    if (typeof value !== 'string' || !values.includes(value)) errors.push(`${path}: must be one of ${values.join(', ')}`);
  };
}

const uri: Check = (value, path, errors) => {
  string(value, path, errors);
  if (typeof value === 'string' && /\s/.test(value)) errors.push(`${path}: must be a URI reference (no white space)`);
};

const propertyBag = object({ tags: array(string, { unique: true }) });
const message = object({ text: string, id: string, markdown: string, arguments: array(string) });
const multiformat = object({ text: string, markdown: string, properties: propertyBag }, ['text']);
const level = oneOf(['none', 'note', 'warning', 'error']);

const reportingDescriptor = object({
  id: string, name: string, shortDescription: multiformat, fullDescription: multiformat, help: multiformat, helpUri: uri,
  defaultConfiguration: object({ level, enabled: (v, p, e) => typeof v === 'boolean' || e.push(`${p}: must be a boolean`), rank: integer(-1), properties: propertyBag }),
  properties: propertyBag,
}, ['id']);

const location = object({
  id: integer(-1),
  physicalLocation: object({
    artifactLocation: object({ uri, uriBaseId: string, index: integer(-1), properties: propertyBag }),
    region: object({ startLine: integer(1), startColumn: integer(1), endLine: integer(1), endColumn: integer(1), properties: propertyBag }),
    properties: propertyBag,
  }),
  logicalLocations: array(object({ name: string, fullyQualifiedName: string, decoratedName: string, kind: string, index: integer(-1), parentIndex: integer(-1), properties: propertyBag })),
  message,
  properties: propertyBag,
});

const result = object({
  ruleId: string, ruleIndex: integer(-1), level, message, locations: array(location),
  kind: oneOf(['notApplicable', 'pass', 'fail', 'review', 'open', 'informational']),
  partialFingerprints: (v, p, e) => {
    if (!isObject(v)) e.push(`${p}: must be an object`);
    else Object.entries(v).forEach(([k, s]) => string(s, `${p}.${k}`, e));
  },
  suppressions: array(object({
    kind: oneOf(['inSource', 'external']), status: oneOf(['accepted', 'underReview', 'rejected']), justification: string, guid: string, properties: propertyBag,
  }, ['kind']), { unique: true }),
  properties: propertyBag,
}, ['message']);

const run = object({
  tool: object({
    driver: object({ name: string, fullName: string, version: string, semanticVersion: string, informationUri: uri, rules: array(reportingDescriptor, { unique: true }), properties: propertyBag }, ['name']),
    properties: propertyBag,
  }, ['driver']),
  automationDetails: object({ id: string, guid: string, description: message, properties: propertyBag }),
  results: array(result),
  properties: propertyBag,
}, ['tool']);

const sarifLog = object({
  $schema: uri,
  version: oneOf(['2.1.0']),
  runs: array(run),
  properties: propertyBag,
}, ['version', 'runs']);

/** The violations of SARIF 2.1.0 in `log`, empty when it is valid. */
export function sarifViolations(log: unknown): string[] {
  const errors: string[] = [];
  sarifLog(log, '$', errors);
  if (isObject(log) && Array.isArray(log.runs)) {
    log.runs.filter(isObject).forEach((r, i) => {
      const rules = isObject(r.tool) && isObject(r.tool.driver) && Array.isArray(r.tool.driver.rules) ? r.tool.driver.rules : [];
      (Array.isArray(r.results) ? r.results : []).filter(isObject).forEach((res, j) => {
        if (typeof res.ruleIndex === 'number' && (!isObject(rules[res.ruleIndex]) || rules[res.ruleIndex].id !== res.ruleId)) {
          errors.push(`$.runs[${i}].results[${j}].ruleIndex: must point at the rule ${String(res.ruleId)} in tool.driver.rules`);
        }
      });
    });
  }
  return errors;
}
