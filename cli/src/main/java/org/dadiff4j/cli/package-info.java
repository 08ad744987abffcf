/**
 * The {@code dadiff} command line. Each command is a thin shell: it parses options, calls the
 * library, and reports. User errors surface as {@link org.dadiff4j.DadiffException}, which
 * {@link org.dadiff4j.cli.Main} turns into one line on stderr and exit code 2.
 */
package org.dadiff4j.cli;
