/** an instant written as India sees it: "2026-03-02 10:00" */
export function ist(local: string): Date {
  return new Date(`${local.replace(' ', 'T')}:00+05:30`);
}
