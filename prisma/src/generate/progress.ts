// A progress line on stderr: redrawn in place on a terminal (at most 5 times a second), one line
// per tenth of the way otherwise, so logs of CI runs stay short.

export interface Progress {
  /** `done` of `total` units of work, and `rows` written so far. */
  update(done: number, rows: number): void;
  /** Ends the line with a final message. */
  finish(message: string): void;
}

const fmt = new Intl.NumberFormat("en-US");

export function createProgress(label: string, total: number, enabled = true): Progress {
  const started = performance.now();
  const tty = process.stderr.isTTY === true;
  let lastDraw = 0;
  let lastTenth = -1;
  const line = (done: number, rows: number) => {
    const seconds = (performance.now() - started) / 1000;
    const rate = seconds > 0 ? rows / seconds : 0;
    const fraction = total > 0 ? done / total : 1;
    const width = 24;
    const filled = Math.round(fraction * width);
    const eta = fraction > 0 ? (seconds / fraction - seconds).toFixed(0) : "?";
    return (
      `${label} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total} ` +
      `${fmt.format(rows)} rows ${fmt.format(Math.round(rate))} rows/s ` +
      `${seconds.toFixed(0)}s ETA ${eta}s`
    );
  };
  return {
    update(done, rows) {
      if (!enabled) return;
      if (tty) {
        const now = performance.now();
        if (now - lastDraw < 200 && done < total) return;
        lastDraw = now;
        process.stderr.write(`\r${line(done, rows)}\x1b[K`);
      } else {
        const tenth = total > 0 ? Math.floor((done * 10) / total) : 10;
        if (tenth === lastTenth) return;
        lastTenth = tenth;
        process.stderr.write(`${line(done, rows)}\n`);
      }
    },
    finish(message) {
      if (!enabled) return;
      process.stderr.write(`${tty ? "\r\x1b[K" : ""}${message}\n`);
    },
  };
}
