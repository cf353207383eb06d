const fmtDuration = (ms: number) => {
  const s = Math.max(0, Math.round(ms / 1000));
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
};

/**
 * A progress bar with an ETA on stderr (a single line rewritten in place on a terminal; a line every
 * few seconds otherwise, so CI logs stay short). Work is counted in weighted units.
 */
export class Progress {
  private done = 0;
  private lastDraw = 0;
  private readonly started = Date.now();
  private label = '';

  /** `out` null draws nothing (tests). */
  constructor(
    private readonly total: number,
    private readonly out: NodeJS.WriteStream | null = process.stderr,
  ) {}

  stage(label: string) {
    this.label = label;
    this.draw(true);
  }

  add(units: number) {
    this.done += units;
    this.draw(false);
  }

  private draw(force: boolean) {
    if (!this.out) return;
    const now = Date.now();
    const tty = this.out.isTTY;
    if (!force && now - this.lastDraw < (tty ? 200 : 5000)) return;
    this.lastDraw = now;
    const share = Math.min(1, this.done / this.total);
    const elapsed = now - this.started;
    const eta = share > 0.01 ? fmtDuration((elapsed / share) * (1 - share)) : '…';
    const width = 24;
    const filled = Math.round(share * width);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
    const line = `${bar} ${(share * 100).toFixed(0).padStart(3)}%  ${this.label.padEnd(34)} ${fmtDuration(elapsed)} · ETA ${eta}`;
    this.out.write(tty ? `\r${line}` : `${line}\n`);
  }

  finish() {
    this.done = this.total;
    this.draw(true);
    if (this.out?.isTTY) this.out.write('\n');
  }
}
