import { dirname, resolve } from 'node:path';
import ts from 'typescript';

/**
 * Typechecks one file in a program of its own, with the repository's compiler options: for files
 * that augment `@gongfu/core` (as an app does), which must not leak into the repository's program.
 * Returns the file's diagnostics as `file:line: message` lines. `full` checks every source file the
 * program reaches (core's own code under the app's augmentation), a minute's work.
 */
export function typecheckIsolated(file: string, full = false): string[] {
  const base = resolve(import.meta.dirname, '../../../../tsconfig.base.json');
  const config = ts.readConfigFile(base, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, dirname(base), { noEmit: true });
  const program = ts.createProgram([file], { ...parsed.options, noEmit: true });
  const source = program.getSourceFile(file);
  // The file alone: checking all of core's sources under the app's augmentation takes a minute.
  const diagnostics = full
    ? ts.getPreEmitDiagnostics(program)
    : [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
  return diagnostics.map((d) => {
    const where = d.file
      ? `${d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}`
      : '';
    return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}
