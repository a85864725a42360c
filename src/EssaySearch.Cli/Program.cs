using EssaySearch.Cli;

StartupTrace.Mark("main");
LuceneFormats.Register();
return Commands.Run(args, () => Console.In, Console.Out, Console.Error);
