using EssaySearch.Cli;

return Commands.Run(args, Console.In, Console.Out, Console.Error);
