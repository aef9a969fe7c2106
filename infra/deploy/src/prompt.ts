/**
 * Asks for a secret on the terminal without echoing it. The value lives only in memory and is
 * handed to wrangler's stdin; it is never printed, logged or written to a file.
 */
export function askSecret(question: string): Promise<string> {
  const { stdin, stdout } = process;
  if (!stdin.isTTY) {
    return Promise.reject(
      new Error(`${question}: needs a terminal (run the deploy interactively)`),
    );
  }
  stdout.write(`${question}: `);
  stdin.setRawMode(true);
  stdin.resume();
  let value = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\u0003') return finish(() => reject(new Error('cancelled')));
        if (char === '\r' || char === '\n') return finish(() => resolve(value));
        value = char === '\u007f' ? value.slice(0, -1) : value + char;
      }
    };
    const finish = (settle: () => void) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      stdout.write('\n');
      settle();
    };
    stdin.on('data', onData);
  });
}
