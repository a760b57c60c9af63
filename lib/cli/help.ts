import { Help, type HelpConfiguration } from 'commander';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from './cliError';

/**
 * The exit-code rule every command follows, printed after each command's help: usage errors 2,
 * invalid configuration 1.
 */
export const EXIT_CODES_HELP = `
Exit codes (the same rule for every command):
  ${EXIT_OK}  success (lint: nothing found), --help, --version
  ${EXIT_FAILURE}  invalid configuration: a value velero or velero-iac rejects (every
     problem is listed at once, each naming its flag), a Schedule missing
     from --schedule-file, problems found by lint
  ${EXIT_USAGE}  usage error: unknown command or flag, a missing or extra argument, a
     missing required flag, flags that exclude each other, an unknown output
     format, a boolean flag given its value as a separate word (write
     --flag=false), or an input that cannot be read or parsed`;

/** The widest term column: the descriptions beside it keep at least 40 of the 80 columns. */
const MAX_TERM_WIDTH = 36;

/**
 * Help laid out in 80 columns for every command: terms (flags) in a column at most 36 wide and the
 * descriptions wrapped beside it; a longer term (e.g. `--include-namespace-scoped-resources
 * <stringArray>`) stands on a line of its own, its description wrapped under it in the column.
 * Commander's own layout widens the column to the longest term and then, with too little room
 * left, does not wrap at all.
 */
export const HELP_LAYOUT: HelpConfiguration = {
  formatItem(term: string, termWidth: number, description: string, helper: Help): string {
    const width = Math.min(termWidth, MAX_TERM_WIDTH);
    if (description === '' || helper.displayWidth(term) <= width) {
      return Help.prototype.formatItem.call(this, term, width, description, helper);
    }
    const under = Help.prototype.formatItem.call(this, '', width, description, helper);
    return `  ${term}\n${under}`;
  },
};
