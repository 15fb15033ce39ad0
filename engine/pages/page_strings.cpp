#include "engine/pages/page_strings.hpp"

namespace touchpoint::engine::pages {
namespace {

const page_strings english{
    "Submit", "required", "Please check these answers", "Thank you!", "Your answers have been saved.",
    "Please confirm your score below.", "Your score has been recorded. Tell us more below if you like.", "Yes", "No",
    "Survey not found", "This survey link is not valid. Please check that you copied the whole link.",
    "This survey has expired", "This survey link is no longer open for answers.", "This survey is closed",
    "This survey no longer accepts answers.", "This survey link was withdrawn", "It no longer accepts answers.",
    "Your answers could not be read", "Please send the form again from the survey page.",
    "Your answers could not be saved", "Please try again in a moment.", "Change my answers"};

const page_strings french{
    "Envoyer", "obligatoire", "Veuillez vérifier ces réponses", "Merci !", "Vos réponses ont été enregistrées.",
    "Veuillez confirmer votre note ci-dessous.",
    "Votre note a été enregistrée. Dites-nous en plus ci-dessous si vous le souhaitez.", "Oui", "Non",
    "Enquête introuvable", "Ce lien d'enquête n'est pas valide. Vérifiez que vous avez copié le lien en entier.",
    "Cette enquête a expiré", "Ce lien d'enquête n'accepte plus de réponses.", "Cette enquête est close",
    "Cette enquête n'accepte plus de réponses.", "Ce lien d'enquête a été retiré", "Il n'accepte plus de réponses.",
    "Vos réponses n'ont pas pu être lues", "Veuillez renvoyer le formulaire depuis la page de l'enquête.",
    "Vos réponses n'ont pas pu être enregistrées", "Veuillez réessayer dans un instant.", "Modifier mes réponses"};

const page_strings dutch{
    "Versturen", "verplicht", "Controleer deze antwoorden", "Bedankt!", "Uw antwoorden zijn opgeslagen.",
    "Bevestig hieronder uw score.", "Uw score is opgeslagen. Vertel ons hieronder gerust meer.", "Ja", "Nee",
    "Enquête niet gevonden", "Deze enquêtelink is niet geldig. Controleer of u de hele link hebt gekopieerd.",
    "Deze enquête is verlopen", "Deze enquêtelink accepteert geen antwoorden meer.", "Deze enquête is gesloten",
    "Deze enquête accepteert geen antwoorden meer.", "Deze enquêtelink is ingetrokken",
    "Deze link accepteert geen antwoorden meer.", "Uw antwoorden konden niet worden gelezen",
    "Verstuur het formulier opnieuw vanaf de enquêtepagina.",
    "Uw antwoorden konden niet worden opgeslagen", "Probeer het over een ogenblik opnieuw.", "Mijn antwoorden wijzigen"};

} // namespace

const page_strings& strings_for(std::string_view locale) {
    const auto language = locale.substr(0, locale.find('-'));
    if (language == "fr") return french;
    if (language == "nl") return dutch;
    return english;
}

} // namespace touchpoint::engine::pages
