using IncidentBot.Incidents.Places;

namespace IncidentBot.Tests.Incidents;

/// <summary>The resolver on the gazetteer that ships inside the program.</summary>
public sealed class GazetteerTests
{
    static readonly Gazetteer Places = new();

    [Theory]
    [InlineData("Київ", "ua-kyiv")]
    [InlineData("Киев", "ua-kyiv")]
    [InlineData("Kiev", "ua-kyiv")]
    [InlineData("Kyiv", "ua-kyiv")]
    [InlineData("Kiyev", "ua-kyiv")]
    [InlineData("  KYIV ", "ua-kyiv")]
    [InlineData("місто Київ", "ua-kyiv")]
    [InlineData("Kyiv city", "ua-kyiv")]
    [InlineData("Харків", "ua-kharkiv")]
    [InlineData("Харьков", "ua-kharkiv")]
    [InlineData("Kharkov", "ua-kharkiv")]
    [InlineData("Xarkov", "ua-kharkiv")]
    [InlineData("Odesa", "ua-odesa")]
    [InlineData("Odessa", "ua-odesa")]
    [InlineData("Одеса", "ua-odesa")]
    [InlineData("Одесса", "ua-odesa")]
    [InlineData("Bakı", "az-baku")]
    [InlineData("Baku", "az-baku")]
    [InlineData("Баку", "az-baku")]
    [InlineData("Baki", "az-baku")]
    [InlineData("Gəncə", "az-ganja")]
    [InlineData("Ganja", "az-ganja")]
    [InlineData("Гянджа", "az-ganja")]
    [InlineData("Sumqayıt", "az-sumgait")]
    [InlineData("Aktau", "kz-aktau")]
    [InlineData("Azerbaijan", "az")]
    [InlineData("Азербайджан", "az")]
    [InlineData("Azərbaycan", "az")]
    [InlineData("Ukraine", "ua")]
    public void Names_in_every_language_and_common_spellings_resolve_to_one_place(string text, string id) =>
        Assert.Equal(id, Places.Resolve(text).Place?.Id);

    [Theory]
    [InlineData("Кам’янське")]
    [InlineData("Кам'янське")]
    [InlineData("Камʼянське")]
    [InlineData("Камянське")]
    [InlineData("Kam'ianske")]
    public void Apostrophes_of_any_kind_or_none_are_the_same_word(string text) =>
        Assert.Equal("ua-kamianske", Places.Resolve(text).Place?.Id);

    [Theory]
    [InlineData("Ильичевск", "ua-chornomorsk")]
    [InlineData("Ivano Frankivsk", "ua-ivano-frankivsk")]
    [InlineData("м. Київ", "ua-kyiv")]
    [InlineData("Chisinau", "md-chisinau")]
    [InlineData("Кишинев", "md-chisinau")]
    public void Yo_hyphens_dots_and_diacritics_do_not_matter(string text, string id) =>
        Assert.Equal(id, Places.Resolve(text).Place?.Id);

    [Theory]
    [InlineData("Odesa region")]
    [InlineData("Odesa oblast")]
    [InlineData("Одеська область")]
    [InlineData("Одесская область")]
    [InlineData("Odessa vilayəti")]
    [InlineData("Одещина")]
    public void A_region_is_meant_when_the_text_says_so(string text) =>
        Assert.Equal("ua-odesa-oblast", Places.Resolve(text).Place?.Id);

    [Theory]
    [InlineData("Kyiv oblast", "ua-kyiv-oblast")]
    [InlineData("Kyiv", "ua-kyiv")]
    [InlineData("Kyiv region", "ua-kyiv-oblast")]
    [InlineData("Bakı şəhəri", "az-baku")]
    [InlineData("Karabakh", "az-karabakh")]
    [InlineData("Pechersk", "ua-kyiv-pecherskyi")]
    [InlineData("Печерский район", "ua-kyiv-pecherskyi")]
    public void A_city_is_preferred_over_a_region_of_its_name_unless_the_text_says_region(string text, string id) =>
        Assert.Equal(id, Places.Resolve(text).Place?.Id);

    [Fact]
    public void A_district_with_its_city_and_country_resolves_to_the_district()
    {
        var place = Places.Resolve("Pechersk district, Kyiv, Ukraine").Place!;
        Assert.Equal("ua-kyiv-pecherskyi", place.Id);
        Assert.Equal(["ua-kyiv", "ua-kyiv-city", "ua"], Places.Ancestors(place).Select(a => a.Id));
    }

    [Theory]
    [InlineData("Lviv, Ukraine", "ua-lviv")]
    [InlineData("Bila Tserkva, Kyiv", "ua-bila-tserkva")]
    [InlineData("Odesa, Odesa region, Ukraine", "ua-odesa")]
    [InlineData("Odesa region, Ukraine", "ua-odesa-oblast")]
    [InlineData("Gəncə, Azərbaycan", "az-ganja")]
    [InlineData("Kyiv,", "ua-kyiv")]
    public void Each_later_part_names_a_place_the_earlier_one_lies_in(string text, string id) =>
        Assert.Equal(id, Places.Resolve(text).Place?.Id);

    [Theory]
    [InlineData("Kyiv, Azerbaijan", "ua-kyiv")]
    [InlineData("Baku, Ukraine", "az-baku")]
    [InlineData("Kyyv, Ukraine", "ua-kyiv")]
    public void A_list_that_contradicts_itself_is_unknown_and_suggests_what_its_first_part_names(string text, string first)
    {
        var match = Places.Resolve(text);
        Assert.Equal(PlaceMatchKind.Unknown, match.Kind);
        Assert.Equal(first, match.Places[0].Id);
    }

    [Theory]
    [InlineData("Kyyv", "ua-kyiv")]
    [InlineData("Kharkif", "ua-kharkiv")]
    [InlineData("Zaporizh", "ua-zaporizhzhia")]
    [InlineData("Mykolaev", "ua-mykolaiv")]
    [InlineData("Sumqayt", "az-sumgait")]
    public void An_unknown_name_suggests_the_nearest_place_first(string text, string first)
    {
        var match = Places.Resolve(text);
        Assert.Equal(PlaceMatchKind.Unknown, match.Kind);
        Assert.Equal(first, match.Places[0].Id);
        Assert.InRange(match.Places.Count, 1, 3);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("qwertyuiopasdfgh")]
    [InlineData("область")]
    public void Text_that_is_no_place_is_unknown_without_suggestions(string text)
    {
        var match = Places.Resolve(text);
        Assert.Equal((PlaceMatchKind.Unknown, 0), (match.Kind, match.Places.Count));
    }

    [Fact]
    public void Text_longer_than_any_place_is_not_read() =>
        Assert.Equal(PlaceMatchKind.Unknown, Places.Resolve(string.Join(", ", Enumerable.Repeat("Kyiv", 40))).Kind);

    [Theory]
    [InlineData("en", "Kharkiv")]
    [InlineData("uk", "Харків")]
    [InlineData("az", "Xarkov")]
    [InlineData("ru-RU", "Харьков")]
    [InlineData("UK", "Харків")]
    [InlineData("pt-br", "Kharkiv")]
    [InlineData(null, "Kharkiv")]
    public void A_place_is_named_in_the_reader_s_language_or_english(string? language, string expected) =>
        Assert.Equal(expected, Gazetteer.Name(Places.Find("ua-kharkiv")!, language));

    [Fact]
    public void Find_knows_ids_and_nothing_else()
    {
        Assert.Equal("Odesa Oblast", Places.Find("ua-odesa-oblast")?.En);
        Assert.Null(Places.Find("Odesa"));
    }
}
