package io.baton.loadtool;

import io.baton.loadtool.cli.GenerateCommand;
import io.baton.loadtool.cli.ScenarioCommands;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: {@code baton-load <scenario> --url ... --clients ... --duration ...}. */
@Command(name = "baton-load", mixinStandardHelpOptions = true, version = "baton-load 0.1.0",
        description = "Load tool for Prefect 3 compatible servers (Baton or the Python server).",
        subcommands = {ScenarioCommands.Lifecycle.class, ScenarioCommands.Events.class, ScenarioCommands.Fanout.class, ScenarioCommands.Poll.class,
                ScenarioCommands.Read.class, GenerateCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return new CommandLine(new Main());
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a scenario: lifecycle, events, poll, read or generate");
    }
}
