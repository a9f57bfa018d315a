/**
 * Small hand-written text samples and stopword lists for the latin-script languages; the
 * detector builds character-trigram profiles from them at load time.
 */
export interface LatinLanguage {
  sample: string;
  stopwords: string;
  /** letters that are strong evidence for the language */
  marks: string;
}

export const LATIN_LANGUAGES: Record<string, LatinLanguage> = {
  en: {
    sample: `I would like to know where my order is. The package has not arrived yet and the tracking number
      does not work. Can you help me with a refund? My card was charged twice for the same purchase. Thank you for
      your quick answer, this is the third time I have to write to you about this problem. Please change the delivery
      address on my account. How long does it take to get the money back? We went to the restaurant with our friends
      and the food was really good, but the service was slow. I think that they should have called me before they
      closed the ticket. What is the best way to reset my password?`,
    stopwords: `the and of to a in is it that for you was with on as have be at not this are but they his from had she
      which or we an were there been has their if would what will my me can your do does how why when where please thanks`,
    marks: '',
  },
  es: {
    sample: `Quisiera saber dónde está mi pedido. El paquete todavía no ha llegado y el número de seguimiento no
      funciona. ¿Pueden ayudarme con un reembolso? Me cobraron dos veces la misma compra en mi tarjeta. Gracias por
      su respuesta rápida, es la tercera vez que les escribo por este problema. Por favor cambien la dirección de
      entrega de mi cuenta. ¿Cuánto tiempo tarda en devolverse el dinero? Fuimos al restaurante con nuestros amigos y
      la comida estaba muy buena, pero el servicio fue lento. Creo que deberían haberme llamado antes de cerrar la
      solicitud. ¿Cuál es la mejor manera de restablecer mi contraseña?`,
    stopwords: `el la los las de del que y en un una es por con para no se su al lo como más pero sus le ya o este sí
      porque esta entre cuando muy sin sobre también me hay donde quien desde todo nos durante mi qué cómo está
      gracias hola tengo puedo`,
    marks: 'ñ¿¡',
  },
  fr: {
    sample: `Je voudrais savoir où en est ma commande. Le colis n'est pas encore arrivé et le numéro de suivi ne
      fonctionne pas. Pouvez-vous m'aider avec un remboursement ? Ma carte a été débitée deux fois pour le même achat.
      Merci pour votre réponse rapide, c'est la troisième fois que je vous écris à propos de ce problème. Veuillez
      changer l'adresse de livraison de mon compte. Combien de temps faut-il pour être remboursé ? Nous sommes allés au
      restaurant avec nos amis et la nourriture était très bonne, mais le service était lent. Je pense qu'ils auraient
      dû m'appeler avant de fermer la demande. Quelle est la meilleure façon de réinitialiser mon mot de passe ?`,
    stopwords: `le la les de des du et en un une est que qui dans pour pas sur au avec ce il elle ne se plus par je
      vous nous mon ma mes son sa ses leur mais ou où donc car cette été être avoir fait merci bonjour suis très`,
    marks: 'çœèêà',
  },
  de: {
    sample: `Ich möchte wissen, wo meine Bestellung ist. Das Paket ist noch nicht angekommen und die Sendungsnummer
      funktioniert nicht. Können Sie mir bei einer Rückerstattung helfen? Meine Karte wurde für denselben Kauf zweimal
      belastet. Danke für Ihre schnelle Antwort, das ist schon das dritte Mal, dass ich Ihnen wegen dieses Problems
      schreibe. Bitte ändern Sie die Lieferadresse in meinem Konto. Wie lange dauert es, bis ich das Geld zurückbekomme?
      Wir waren mit unseren Freunden im Restaurant und das Essen war wirklich gut, aber der Service war langsam. Ich
      finde, sie hätten mich anrufen sollen, bevor sie die Anfrage geschlossen haben. Wie setze ich mein Passwort zurück?`,
    stopwords: `der die das und ist nicht ich sie es ein eine einen mit auf für von zu den dem des im wir ihr mein meine
      sich auch als noch wie aber oder wenn dass bitte danke hallo habe haben wurde kann können ist schon`,
    marks: 'äöüß',
  },
  pt: {
    sample: `Gostaria de saber onde está o meu pedido. O pacote ainda não chegou e o número de rastreamento não
      funciona. Vocês podem me ajudar com um reembolso? Meu cartão foi cobrado duas vezes pela mesma compra. Obrigado
      pela resposta rápida, é a terceira vez que escrevo para vocês sobre este problema. Por favor, mudem o endereço de
      entrega da minha conta. Quanto tempo leva para receber o dinheiro de volta? Fomos ao restaurante com nossos
      amigos e a comida estava muito boa, mas o atendimento foi lento. Acho que eles deveriam ter me ligado antes de
      fechar a solicitação. Qual é a melhor maneira de redefinir minha senha?`,
    stopwords: `o a os as de do da dos das que e em um uma é não para com por se na no mais mas como ao foi meu minha
      você vocês isso este esta ainda já muito obrigado obrigada olá tenho posso pelo pela quando onde`,
    marks: 'ãõç',
  },
  it: {
    sample: `Vorrei sapere dove si trova il mio ordine. Il pacco non è ancora arrivato e il numero di tracciamento non
      funziona. Potete aiutarmi con un rimborso? La mia carta è stata addebitata due volte per lo stesso acquisto.
      Grazie per la risposta veloce, è la terza volta che vi scrivo per questo problema. Per favore cambiate l'indirizzo
      di consegna del mio account. Quanto tempo ci vuole per riavere i soldi? Siamo andati al ristorante con i nostri
      amici e il cibo era molto buono, ma il servizio era lento.`,
    stopwords: `il lo la i gli le di del della che e è un una per non con sono mi mio mia ma come anche questo questa
      ho hai grazie ciao perché quando dove più sono stato`,
    marks: 'ì',
  },
  nl: {
    sample: `Ik wil graag weten waar mijn bestelling is. Het pakket is nog niet aangekomen en het volgnummer werkt
      niet. Kunnen jullie me helpen met een terugbetaling? Mijn kaart is twee keer belast voor dezelfde aankoop. Bedankt
      voor het snelle antwoord, dit is de derde keer dat ik jullie schrijf over dit probleem. Wilt u het afleveradres van
      mijn account wijzigen? Hoe lang duurt het voordat ik het geld terugkrijg? We gingen met onze vrienden naar het
      restaurant en het eten was echt goed, maar de bediening was traag.`,
    stopwords: `de het een en van ik je is niet dat op te zijn met voor mijn er maar wat hoe waar dit die nog wel ook
      bedankt graag kunnen jullie heb hebben`,
    marks: 'ij',
  },
};
