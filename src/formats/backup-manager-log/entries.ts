/** One log message: its first line has the timestamp; lines without one continue it. */
export interface LogEntry {
  /** 1-based line numbers in the file, first to last. */
  firstLine: number;
  lastLine: number;
  time: string;
  level: string;
  text: string;
}

/** `dd.MM.yyyy HH:mm:ss LEVEL message`, as the Backup-Manager writes it. */
const HEAD = /^(\d{2})\.(\d{2})\.(\d{4}) (\d{2}:\d{2}:\d{2}) ([A-Z]{3,5}) ?(.*)$/;

/** A calendar day and a time of day (31.02. or 25:00 is no timestamp: the line continues the entry). */
function realTime(head: RegExpExecArray): boolean {
  const [day, month, year] = [Number(head[1]), Number(head[2]), Number(head[3])];
  const [hours, minutes, seconds] = head[4]!.split(':').map(Number) as [number, number, number];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return (
    month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth && hours < 24 && minutes < 60 && seconds < 60
  );
}

/**
 * Turns lines into entries as they stream in; `push` hands back the entry a new timestamp
 * closed. Memory stays at one entry (a runaway continuation is capped).
 */
export class EntryReader {
  private current: LogEntry | undefined;
  private lineNo = 0;
  /** Lines before the first timestamp and lines that carry one: to tell an unknown format. */
  stray = 0;
  stamped = 0;

  push(line: string): LogEntry | undefined {
    this.lineNo += 1;
    const text = line.endsWith('\r') ? line.slice(0, -1) : line;
    const head = HEAD.exec(text);
    if (head && realTime(head)) {
      this.stamped += 1;
      const done = this.current;
      this.current = {
        firstLine: this.lineNo,
        lastLine: this.lineNo,
        time: `${head[3]}-${head[2]}-${head[1]}T${head[4]}`,
        level: head[5]!,
        text: head[6]!,
      };
      return done;
    }
    if (!this.current) {
      if (text.trim() !== '') this.stray += 1;
      return undefined;
    }
    this.current.lastLine = this.lineNo;
    if (this.current.text.length < 64 * 1024) this.current.text += `\n${text}`;
    return undefined;
  }

  end(): LogEntry | undefined {
    const done = this.current;
    this.current = undefined;
    return done;
  }

  get lines(): number {
    return this.lineNo;
  }
}
