import { dependable, ITerraformDependable, Lazy, TerraformResource } from 'cdktf';

/**
 * Makes `resource` depend on what `produce` returns when the app is synthesised, not when the resource is
 * created: grants given to an identity afterwards, and a certificate configuration created later in the
 * program, are waited for too. Each dependency is written once; none gives no `depends_on`.
 */
export function dependOnAtSynthesis(resource: TerraformResource, produce: () => ITerraformDependable[]): void {
  resource.dependsOn = Lazy.listValue({
    produce: () => {
      const unique = [...new Set(produce())];
      return unique.length > 0 ? unique.map((d) => dependable(d)) : undefined;
    },
  });
}
