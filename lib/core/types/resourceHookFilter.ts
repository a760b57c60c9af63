import type { LabelSelector } from './labelSelector';

/** The name of a backup or restore hook and the pods it applies to. */
export interface ResourceHookFilter {
  /** The hook's name, shown in Velero's logs. */
  name: string;
  /**
   * Namespaces whose pods the hook applies to.
   * @default all namespaces
   */
  includedNamespaces?: string[];
  /**
   * Namespaces whose pods the hook skips.
   * @default none
   */
  excludedNamespaces?: string[];
  /**
   * Resources the hook applies to.
   * @default all resources
   */
  includedResources?: string[];
  /**
   * Resources the hook skips.
   * @default none
   */
  excludedResources?: string[];
  /**
   * Only pods with matching labels.
   * @default every pod
   */
  labelSelector?: LabelSelector;
}
