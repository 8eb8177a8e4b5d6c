import { TerraformStack, Testing } from 'cdktf';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { synthWithoutSchemaCheck } from '../schema-validated-synth';

/** A stack whose service account has an attribute hashicorp/google does not know. */
function brokenStack(): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'platform');
  new ServiceAccount(stack, 'sa', { accountId: 'demo-account' }).addOverride('acount_id', 'x');
  return stack;
}

describe('Testing.synth in this test suite (test/schema-validated-synth.ts)', () => {
  it('fails on Terraform that breaks the provider schemas', () => {
    expect(() => Testing.synth(brokenStack())).toThrow(
      'synthesised Terraform breaks the provider schemas:\n  platform: google_service_account.sa: acount_id: not in the schema; did you mean "account_id"?');
  });
  it('can be bypassed explicitly for Terraform that is broken on purpose', () => {
    expect(JSON.parse(synthWithoutSchemaCheck(brokenStack())).resource.google_service_account.sa.acount_id).toBe('x');
  });
});
