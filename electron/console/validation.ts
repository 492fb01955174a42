import type { z } from 'zod';

/** A short, readable summary of zod issues for an `invalid` error message. */
export function issueSummary(error: z.ZodError, max = 5): string {
  const parts = error.issues.slice(0, max).map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message));
  if (error.issues.length > max) parts.push(`…共 ${error.issues.length} 处`);
  return parts.join('; ');
}
