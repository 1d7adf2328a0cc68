// Code the board loads only when it is used: the application's view in the
// side panel (with Markdown, documents and diff) arrives the first time a card
// opens, and is asked for as the pointer first goes down on a card so it is
// usually there by the click. One promise per module: later calls share it.
import type ApplicationViewComponent from '$lib/application/ApplicationView.svelte';

let applicationView: Promise<typeof ApplicationViewComponent> | undefined;

export function loadApplicationView(): Promise<typeof ApplicationViewComponent> {
  applicationView ??= import('$lib/application/ApplicationView.svelte').then(
    (module) => module.default,
    (error: unknown) => {
      applicationView = undefined; // a later open tries again
      throw error;
    },
  );
  return applicationView;
}
