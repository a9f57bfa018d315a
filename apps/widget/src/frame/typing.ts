const EVERY_MS = 2000;
const IDLE_MS = 3000;

/** The visitor's typing signal: "typing" at most every 2 s while keys are pressed, "stopped" after 3 s of quiet or on send. */
export class TypingSignal {
  private sentAt = 0;
  private idle: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly emit: (typing: boolean) => void) {}

  keystroke(): void {
    const now = Date.now();
    if (now - this.sentAt > EVERY_MS) {
      this.sentAt = now;
      this.emit(true);
    }
    clearTimeout(this.idle);
    this.idle = setTimeout(() => this.stop(), IDLE_MS);
  }

  stop(): void {
    clearTimeout(this.idle);
    if (!this.sentAt) return;
    this.sentAt = 0;
    this.emit(false);
  }
}
