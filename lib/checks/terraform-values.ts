// The rule pack reads resolved configuration through the shared readers of lib/core.
export * from '../core/terraform-values';
