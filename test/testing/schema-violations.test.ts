import { TerraformStack, Testing } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { BlueprintTesting, SchemaFindingKind } from '../../lib';

/** An app with one stack and one service account, valid against the schemas. */
function app() {
  const scope = Testing.app();
  const stack = new TerraformStack(scope, 'platform');
  new GoogleProvider(stack, 'google', { project: 'demo-proj' });
  const account = new ServiceAccount(stack, 'sa', { accountId: 'demo-account', displayName: `mesh ${stack.node.id}` });
  return { scope, stack, account };
}

describe('BlueprintTesting.schemaViolationsOf', () => {
  it('is empty for a valid app', () => {
    expect(BlueprintTesting.schemaViolationsOf(app().scope)).toEqual([]);
  });
  it('lists each violation as stack: address: attribute: message', () => {
    const { scope, account } = app();
    account.addOverride('disabled', 'no');
    account.addOverride('display_nam', 'x');
    expect(BlueprintTesting.schemaViolationsOf(scope)).toEqual([
      'platform: google_service_account.sa: disabled: expects bool, got string "no"',
      'platform: google_service_account.sa: display_nam: not in the schema; did you mean "display_name"?',
    ]);
  });
  it('passes tokens, and reports types without a schema as not covered (violations only in strict mode)', () => {
    const { scope, stack, account } = app();
    account.addOverride('description', account.email);
    new ServiceAccount(stack, 'other', { accountId: account.accountId });
    stack.addOverride('resource.helm_release.injector', { name: 'td', chart: 'injector' });
    expect(BlueprintTesting.schemaViolationsOf(scope)).toEqual([]);
    expect(BlueprintTesting.schemaFindingsOf(scope).map((f) => [f.kind, f.address])).toEqual([[SchemaFindingKind.NOT_COVERED, 'helm_release.injector']]);
    expect(BlueprintTesting.schemaViolationsOf(scope, { strict: true })).toEqual([
      expect.stringMatching(/^platform: helm_release\.injector: no schema for the resource type helm_release of hashicorp\/helm/),
    ]);
  });
});
