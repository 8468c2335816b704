/**
 * Why: every admin export answers the same way — the file as an attachment that no proxy keeps, or the reasons
 * the request was refused as plain text with 400 so the page can show them beside the button.
 */
export type CsvExport = { ok: true; csv: string; filename: string } | { ok: false; errors: string[] };

export function csvResponse(result: CsvExport): Response {
  if (!result.ok)
    return new Response(result.errors.join("\n"), {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  return new Response(result.csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${result.filename}"`,
      "Cache-Control": "no-store",
    },
  });
}
