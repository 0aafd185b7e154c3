/**
 * Reading a product key without it ever being on the command line (shell history and process
 * listings keep command lines): a prompt with echo off on a terminal, or the first line of
 * standard input when a key is piped in (`Get-Content key.txt | activation-doctor fix ...`).
 */
import type { Readable } from 'node:stream';

const MAX_BYTES = 4096;

/** The first non-empty line of a piped stream, or null when it ends empty. */
export function readFirstLine(stream: Readable): Promise<string | null> {
  return new Promise((resolve, reject) => {
    let text = '';
    const finish = () => {
      stream.off('data', onData);
      stream.off('end', finish);
      stream.off('error', onError);
      stream.pause();
      const line = text.split(/\r?\n/).find((l) => l.trim() !== '');
      resolve(line === undefined ? null : line.trim());
    };
    const onData = (chunk: Buffer | string) => {
      text += chunk.toString();
      if (text.length > MAX_BYTES || /\S\r?\n/.test(text)) finish();
    };
    const onError = (error: Error) => reject(error);
    stream.on('data', onData);
    stream.once('end', finish);
    stream.once('error', onError);
    stream.resume();
  });
}

interface TtyInput extends NodeJS.ReadStream {
  setRawMode(mode: boolean): this;
}

/** A prompt on stderr; what is typed is not shown. Ctrl+C or Ctrl+D gives null. */
export function promptHidden(input: TtyInput, output: NodeJS.WritableStream, prompt: string): Promise<string | null> {
  return new Promise((resolve) => {
    output.write(prompt);
    let typed = '';
    input.setRawMode(true);
    input.setEncoding('utf8');
    const done = (value: string | null) => {
      input.setRawMode(false);
      input.off('data', onData);
      input.pause();
      output.write('\n');
      resolve(value);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') return done(typed.trim() === '' ? null : typed.trim());
        if (char === '\u0003' || char === '\u0004') return done(null);
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else if (char >= ' ' && typed.length < 200) typed += char;
      }
    };
    input.on('data', onData);
    input.resume();
  });
}

export function readSecretFromProcess(prompt: string): Promise<string | null> {
  const stdin = process.stdin as TtyInput;
  if (stdin.isTTY && typeof stdin.setRawMode === 'function') return promptHidden(stdin, process.stderr, prompt);
  return readFirstLine(process.stdin);
}
