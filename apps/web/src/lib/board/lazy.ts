// Code the board loads only when it is used: the application's view in the
// side panel (with Markdown, documents and diff) arrives the first time a card
// opens (asked for beside the application's data), quick add the first time
// it opens, and the rejection reason dialog the first time a card moves to
// Rejected. One promise per module: later calls share it; a failed load is
// tried again next time.
import type ApplicationViewComponent from '$lib/application/ApplicationView.svelte';
import type RejectionReasonDialogComponent from '$lib/application/RejectionReasonDialog.svelte';
import type QuickAddComponent from './QuickAdd.svelte';

function once<T>(load: () => Promise<{ default: T }>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= load().then(
      (module) => module.default,
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    );
    return loading;
  };
}

export const loadApplicationView = once<typeof ApplicationViewComponent>(
  () => import('$lib/application/ApplicationView.svelte'),
);
export const loadQuickAdd = once<typeof QuickAddComponent>(() => import('./QuickAdd.svelte'));
export const loadRejectionDialog = once<typeof RejectionReasonDialogComponent>(
  () => import('$lib/application/RejectionReasonDialog.svelte'),
);
