using EssaySearch.Cli;

StartupTrace.Mark("main");
return Commands.Run(args, Console.In, Console.Out, Console.Error);
