namespace LlmLoad.Workload;

/// <summary>
/// Common English words that are each exactly one token when preceded by a space, in both o200k_base
/// and cl100k_base. Both tokenizers split text into words before they merge bytes, so a text of such words
/// has exactly one token per word, which is how synthetic prompts get their length without a tokenizer.
/// Synthetic prompts and the simulator's generated text are built from them, so token counts
/// are exact and the text still reads like varied language rather than one repeated word.
/// </summary>
internal static class WordList
{
    private const string Candidates = """
the of and to in is that for it as was with be by on not he this are or his from at which but have 
an they you were her she there one all we their has been would more if will its when who so can no 
said what up out about into than them some could time only other new these two may first then do 
any like my now over such our man me even most made after also did many before must through back 
years where much your way well down should because each just those people how too little state good 
very make world still own see men work long get here between both life being under never day same 
another know while last might us great old year off come since against go came right used take 
three states himself few house use during without again place around however home small found 
thought went say part once general high upon school every does got united left number course war 
until always away something fact though water less public put think almost hand enough far took 
head yet government system better set told nothing night end why called didn find look going asked 
later knew point next program city business give group toward young days let room president side 
social given present several order national possible rather second face per among form important 
often things looked early white case john become large big need four within felt along children saw 
best church ever least power development light thing seemed family interest want members mind 
country area others although turned done open god service problem certain kind different thus began 
door help sense whole matter perhaps itself york times law human line above name example action 
company hands local show whether five history gave today either act feet across taken past quite 
anything seen having death experience body word half really week field car words already themselves 
information tell together college shall money period held keep sure probably free seems real behind 
cannot miss political air question making office brought whose special heard major problems ago 
became federal moment study available known result street economic boy position reason change south 
board individual job society areas west close turn love community true court force full seem am 
wife future age voice center woman control common necessary policy front sometimes six girl clear 
further land run students provide feel party able mother music education university child effect 
level stood military town short morning total outside rate figure class art century washington 
north usually plan leave therefore evidence top million sound black strong hard various says 
believe type value play surface soon mean near lines table peace modern tax road red book personal 
process situation minutes increase idea english alone women gone nor living months america started 
longer dark cut finally third nature private secretary section call fire kept ground view
""";

    /// <summary>Words of the list that are two tokens when capitalized at the start of a sentence, in either encoding.</summary>
    private const string SplitWhenCapitalized = """
said might came himself went took told didn knew toward looked felt saw seemed turned began matter itself gave
feet themselves shall held seems brought whose heard problems ago became economic society seem wife necessary
able stood million says believe situation idea alone gone longer kept
""";

    // Checked against both vocabularies by WordListTests rather than here: filtering at start-up would load both
    // tokenizers (about 50 MB and a third of a CPU second) into every run and every simulator.
    private static readonly string[] SingleTokenWords = Split(Candidates);

    private static readonly string[] Capitalizable = [.. SingleTokenWords.Except(Split(SplitWhenCapitalized))];

    /// <summary>Words, without their leading space, that tokenize to one token as " word".</summary>
    public static IReadOnlyList<string> Words => SingleTokenWords;

    /// <summary>Words of <see cref="Words"/> that are also one token capitalized with no space before them: a text's first word.</summary>
    public static IReadOnlyList<string> SentenceStarts => Capitalizable;

    private static string[] Split(string words) => words.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);
}
