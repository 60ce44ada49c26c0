using System.Text;
using CsCheck;
using System.Text.Json.Nodes;
using Sanxiang.Core.Ledger;

namespace Sanxiang.Core.Tests.Ledger;

public sealed class CanonicalJsonTests
{
    private static string Canon(string json) => Encoding.UTF8.GetString(CanonicalJson.Serialize(JsonNode.Parse(json)));

    [Fact]
    public void Keys_are_sorted_at_every_level_and_whitespace_dropped()
    {
        Assert.Equal("""{"a":[true,false,null],"b":1,"c":{"y":-5,"z":"x"}}""",
            Canon("""{ "c": {"z": "x", "y": -5}, "b": 1, "a": [ true, false, null ] }"""));
        Assert.Equal("null", Encoding.UTF8.GetString(CanonicalJson.Serialize(null)));
        Assert.Equal("[]", Canon("[ ]"));
        Assert.Equal("{}", Canon("{ }"));
    }

    [Fact]
    public void Keys_sort_by_UTF16_code_units_as_in_RFC_8785_section_3_2_3()
    {
        // RFC 8785 §3.2.3 sorting example: U+1F600 (surrogates D83D DE00) sorts before U+FB33.
        var json = """{"\u20ac":"Euro Sign","\r":"Carriage Return","\ufb33":"Hebrew Letter Dalet With Dagesh","1":"One","\ud83d\ude00":"Emoji: Grinning Face","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis"}""";
        var values = JsonNode.Parse(Canon(json))!.AsObject().Select(p => p.Value!.GetValue<string>());
        Assert.Equal(
            ["Carriage Return", "One", "Control", "Latin Small Letter O With Diaeresis", "Euro Sign", "Emoji: Grinning Face", "Hebrew Letter Dalet With Dagesh"],
            values);
    }

    [Fact]
    public void Strings_escape_only_quote_backslash_and_control_characters_and_keep_the_rest_as_UTF8()
    {
        var node = new JsonObject { ["s"] = "\u0000\u001f\b\t\n\f\r\"\\/\u007f中文😀\u2028" };
        var bytes = CanonicalJson.Serialize(node);
        Assert.Equal("{\"s\":\"\\u0000\\u001f\\b\\t\\n\\f\\r\\\"\\\\/\u007f中文😀\u2028\"}", Encoding.UTF8.GetString(bytes));
        Assert.Equal(Encoding.UTF8.GetBytes("中"), bytes.AsSpan(bytes.Length - 15, 3).ToArray()); // raw UTF-8, not \u4e2d
        Assert.Equal("\"中\"", Canon("\"\\u4e2d\""));
    }

    [Fact]
    public void Values_built_in_code_and_parsed_values_give_the_same_bytes()
    {
        var built = new JsonObject
        {
            ["int"] = 42,
            ["long"] = 9_007_199_254_740_991L,
            ["neg"] = (short)-7,
            ["bool"] = true,
            ["str"] = "案件",
            ["nil"] = null,
            ["arr"] = new JsonArray(1, "x", false),
            ["guid"] = JsonValue.Create(Guid.Empty),
        };
        Assert.Equal(
            """{"arr":[1,"x",false],"bool":true,"guid":"00000000-0000-0000-0000-000000000000","int":42,"long":9007199254740991,"neg":-7,"nil":null,"str":"案件"}""",
            Encoding.UTF8.GetString(CanonicalJson.Serialize(built)));
        Assert.Equal(CanonicalJson.Serialize(built), CanonicalJson.Serialize(JsonNode.Parse(built.ToJsonString())));
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("1.0")]
    [InlineData("1e3")]
    [InlineData("""{"a":{"b":[0.1]}}""")]
    public void Parsed_floats_are_refused(string json)
    {
        var e = Assert.Throws<ArgumentException>(() => CanonicalJson.Serialize(JsonNode.Parse(json)));
        Assert.Contains("只接受整数", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Floats_built_in_code_are_refused_even_when_integral()
    {
        Assert.Throws<ArgumentException>(() => CanonicalJson.Serialize(new JsonObject { ["x"] = 2.0 }));
        Assert.Throws<ArgumentException>(() => CanonicalJson.Serialize(new JsonObject { ["x"] = 2.5m }));
        Assert.Throws<ArgumentException>(() => CanonicalJson.Serialize(new JsonObject { ["x"] = 2.5f }));
    }

    [Fact]
    public void Integers_beyond_2_pow_53_and_lone_surrogates_are_refused()
    {
        Assert.Equal("-9007199254740991", Canon("-9007199254740991"));
        Assert.Contains("2^53", Assert.Throws<ArgumentException>(() => Canon("9007199254740992")).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Canon("123456789012345678901234567890"));
        Assert.Throws<ArgumentException>(() => CanonicalJson.Serialize(new JsonObject { ["x"] = long.MaxValue }));
        Assert.Throws<ArgumentException>(() => CanonicalJson.Serialize(new JsonObject { ["x"] = ulong.MaxValue }));
        Assert.Throws<ArgumentException>(() => CanonicalJson.Serialize(JsonValue.Create("\ud800")));
    }

    [Fact]
    public void Random_strings_and_names_of_any_length_match_the_character_by_character_escaping_of_RFC_8785()
    {
        var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
        // ASCII (controls included), other BMP characters, the two escaped ones, a surrogate pair, now and then a lone surrogate.
        var piece = Gen.Frequency(
            (400, Gen.Char['\u0000', '\u007f'].Select(c => c.ToString())),
            (200, Gen.OneOf(Gen.Char['\u0080', '\ud7ff'], Gen.Char['\ue000', '\uffff']).Select(c => c.ToString())),
            (50, Gen.OneOf(Gen.Const("\""), Gen.Const("\\"), Gen.Const("😀"))),
            (1, Gen.OneOf(Gen.Const("\ud800"), Gen.Const("\udfff"))));
        var text = piece.Array[0, 1500].Select(p => string.Concat(p));
        Gen.Select(text, piece.Array[0, 20].Select(p => string.Concat(p))).Sample(t =>
        {
            var (value, name) = t;
            byte[]? expected;
            try
            {
                expected = strict.GetBytes("{" + Reference(name) + ":" + Reference(value) + "}");
            }
            catch (EncoderFallbackException)
            {
                expected = null; // a lone surrogate
            }

            var node = new JsonObject { [name] = value };
            if (expected is null)
            {
                Assert.Throws<ArgumentException>(() => CanonicalJson.Serialize(node));
            }
            else
            {
                Assert.Equal(expected, CanonicalJson.Serialize(node));
                Assert.Equal(value, JsonNode.Parse(CanonicalJson.Serialize(node))![name]!.GetValue<string>());
            }
        }, iter: 2000);

        static string Reference(string s)
        {
            var b = new StringBuilder("\"");
            foreach (var c in s)
            {
                b.Append(c switch
                {
                    '"' => "\\\"",
                    '\\' => "\\\\",
                    '\b' => "\\b",
                    '\f' => "\\f",
                    '\n' => "\\n",
                    '\r' => "\\r",
                    '\t' => "\\t",
                    < ' ' => "\\u" + ((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture),
                    _ => c.ToString(),
                });
            }

            return b.Append('"').ToString();
        }
    }
}
