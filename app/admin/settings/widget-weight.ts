/**
 * The storefront widget's weight against its budget: the loader the app embed names runs on
 * every page, so it must stay tiny; the chat UI loads only when needed.
 */
export const WIDGET_BUDGETS = {
  /** chatlift.js, the loader the app embed's inline starter adds after the page's load event. */
  loaderBytes: 4000,
  /** chatlift.js + chatlift-ui.js. */
  totalBytes: 24000,
} as const;

export interface WidgetWeight {
  loaderBytes: number;
  uiBytes: number;
  totalBytes: number;
  loaderBudget: number;
  totalBudget: number;
  withinBudget: boolean;
}

export function widgetWeight(loaderBytes: number, uiBytes: number): WidgetWeight {
  const totalBytes = loaderBytes + uiBytes;
  return {
    loaderBytes,
    uiBytes,
    totalBytes,
    loaderBudget: WIDGET_BUDGETS.loaderBytes,
    totalBudget: WIDGET_BUDGETS.totalBytes,
    withinBudget: loaderBytes <= WIDGET_BUDGETS.loaderBytes && totalBytes <= WIDGET_BUDGETS.totalBytes,
  };
}
