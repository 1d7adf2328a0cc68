// Ambient types for SvelteKit: what hooks.server.ts puts on event.locals.
import type { ServerApi } from '$lib/api/bridge.server';
import type { User } from '$lib/api/types';

declare global {
  namespace App {
    interface Locals {
      /** The in-process API client, authenticated as this request's cookie. */
      api: ServerApi;
      user: User | null;
      /** The live feed's event id when this request began (null when signed out). */
      cursor: string | null;
    }
    interface Error {
      message: string;
      /** The API's error code (NOT_FOUND, …) when the error came from it. */
      code?: string;
    }
    interface PageState {
      /** Set when the board opens an application as a side panel. */
      panelId?: string;
    }
  }
}

export {};
